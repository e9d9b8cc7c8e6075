import { lazy, Suspense } from 'react'
import { Loading } from 'react-admin'

// The graph and chart libraries load with their pages: the sign-in page and the lists never pay for them.
const Network = lazy(() => import('./NetworkPage.tsx'))
const Timeline = lazy(() => import('./TimelinePage.tsx'))

export const NetworkRoute = () => (
  <Suspense fallback={<Loading />}>
    <Network />
  </Suspense>
)

export const TimelineRoute = () => (
  <Suspense fallback={<Loading />}>
    <Timeline />
  </Suspense>
)
