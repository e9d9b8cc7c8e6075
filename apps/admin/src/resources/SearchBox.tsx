import { useEffect, useRef, useState, type ChangeEvent, type CompositionEvent } from 'react'
import { InputAdornment, TextField } from '@mui/material'
import SearchIcon from '@mui/icons-material/Search'
import { useInput, useTranslate } from 'react-admin'

/**
 * The list's search box (react-admin's SearchInput, made aware of input methods): while a Chinese
 * (or any) input method is composing, what shows is the pinyin being typed, which is no search; the
 * filter takes the text only once the composition ends, so the API never receives "zhong" on the
 * way to 中国. Text typed without an input method searches as it is typed, as before.
 */
export const SearchBox = ({ source = 'q' }: { source?: string; alwaysOn?: boolean }) => {
  const translate = useTranslate()
  const { field } = useInput({ source })
  const [text, setText] = useState<string>(field.value ?? '')
  const composing = useRef(false)
  // The filter changed from elsewhere (cleared, a saved query): show it, unless mid-composition.
  useEffect(() => {
    if (!composing.current) setText(field.value ?? '')
  }, [field.value])
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    setText(event.target.value)
    // The input event says whether it is part of a composition: a commit that ends it without a
    // compositionend (some input methods) still searches.
    composing.current = Boolean((event.nativeEvent as InputEvent).isComposing)
    if (!composing.current) field.onChange(event.target.value)
  }
  const onCompositionEnd = (event: CompositionEvent<HTMLInputElement>) => {
    composing.current = false
    setText(event.currentTarget.value)
    field.onChange(event.currentTarget.value)
  }
  return (
    <TextField
      name={source}
      value={text}
      onChange={onChange}
      onBlur={field.onBlur}
      hiddenLabel
      size="small"
      placeholder={translate('ra.action.search')}
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <SearchIcon color="disabled" />
            </InputAdornment>
          ),
        },
        htmlInput: {
          'aria-label': translate('ra.action.search'),
          onCompositionStart: () => {
            composing.current = true
          },
          onCompositionEnd,
        },
      }}
    />
  )
}
