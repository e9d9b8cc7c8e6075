import { defaultTheme, type RaThemeOptions } from 'react-admin'

/** A 2 px ring in the primary blue: 5.8:1 against white and the page's grey. */
const FOCUS_RING = '2px solid #1565c0'

/**
 * react-admin's default theme with colours that meet WCAG AA (4.5:1 for text): its blue app bar
 * (#2196f3) gave white text 3.1:1 and MUI's primary blue on the page's grey 4.4:1. The app bar
 * takes the reference's own dark teal (as on /docs), buttons and links a darker blue. Checkboxes
 * carry their name on the input a screen reader reads (react-admin puts the row checkbox's
 * aria-label on the span around it, where ARIA forbids it); focus shows as an outline on everything.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#1565c0' },
    secondary: { light: '#3d7a96', main: '#0b4f6c', dark: '#063447', contrastText: '#fff' },
    error: { main: '#c62828' },
    // MUI's orange (#ed6c02) is 3:1 on white and 2.8:1 on a warning panel: a darker one, 6:1 and 5.2:1.
    warning: { main: '#a04a00' },
  },
  components: {
    ...defaultTheme.components,
    // Keyboard focus is always drawn, not only as MUI's faint ripple tint.
    MuiCssBaseline: {
      styleOverrides: { ':focus-visible': { outline: `${FOCUS_RING} !important`, outlineOffset: '2px' } },
    },
    // A table wider than the window (at 200% zoom, say) scrolls in its own box, not the whole page.
    RaDatagrid: { styleOverrides: { root: { '& .RaDatagrid-tableWrapper': { overflowX: 'auto' } } } },
    // The form toolbar's grey (#e0e0e0) left the red Delete at 3.8:1: a lighter grey keeps 5.2:1.
    RaToolbar: { styleOverrides: { root: { backgroundColor: '#f5f5f5' } } },
    // An empty list's message was drawn in the disabled grey (2.7:1).
    RaEmpty: { styleOverrides: { root: { '& .RaEmpty-message': { color: 'rgba(0, 0, 0, 0.6)' } } } },
    // The name goes on the input, the element a screen reader announces, and off the span around it.
    MuiCheckbox: {
      defaultProps: {
        slotProps: {
          root: () => ({ 'aria-label': undefined }),
          input: (ownerState: { 'aria-label'?: string }) =>
            ownerState['aria-label'] ? { 'aria-label': ownerState['aria-label'] } : {},
        },
      },
    },
  },
}
