/**
 * What the API reference (Swagger UI) adds to be read by everyone (WCAG 2.1 AA, checked by axe in
 * apps/admin/test/a11y-browser.test.ts). Both are served as files of the reference's own origin,
 * so its CSP stays `script-src 'self'; style-src 'self'`.
 */

/**
 * Colours at 4.5:1 or more for text: Swagger UI's method badges (white on #61affe was 2.3:1), its
 * green Authorize, red Cancel, grey hints and links, and the example's numbers on dark grey.
 */
export const DOCS_CSS = `
.swagger-ui .topbar { background-color: #0b4f6c; }
.swagger-ui .topbar .download-url-wrapper .download-url-button { background: #2f6b1e; }
.swagger-ui .info a, .swagger-ui .info .url, .swagger-ui .info .link, .swagger-ui a.nostyle:focus-visible,
.swagger-ui .info__tos a, .swagger-ui .info__contact a, .swagger-ui .info__license a { color: #1a5fb4; }
.swagger-ui .info .title small, .swagger-ui .download-contents { background: #565c66; }
.swagger-ui .info .title small.version-stamp { background: #3d6b00; }
.swagger-ui .btn.authorize { color: #1b6e45; border-color: #1b6e45; }
.swagger-ui .btn.authorize svg { fill: #1b6e45; }
.swagger-ui .btn.cancel { color: #c0262d; border-color: #c0262d; }
.swagger-ui .btn.execute { background-color: #1a5fb4; border-color: #1a5fb4; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1a5fb4; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1b6e45; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #a14f00; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b3261e; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0f6e5e; }
.swagger-ui .opblock.opblock-head .opblock-summary-method { background: #6a3d9a; }
.swagger-ui .opblock.opblock-options .opblock-summary-method { background: #1a5fb4; }
.swagger-ui .opblock-tag small, .swagger-ui .opblock-summary-description,
.swagger-ui .parameter__in, .swagger-ui .parameter__deprecated, .swagger-ui .prop-format,
.swagger-ui .parameter__type, .swagger-ui .response-col_links, .swagger-ui .renderedMarkdown p,
.swagger-ui .json-schema-2020-12-expand-deep-button, .swagger-ui .json-schema-2020-12__attribute,
.swagger-ui .json-schema-2020-12-keyword__name--secondary, .swagger-ui .json-schema-2020-12-keyword__value--secondary,
.swagger-ui .model-hint, .swagger-ui .prop-type, .swagger-ui .tab li, .swagger-ui .tab li button.tablinks { color: #3b4151; }
.swagger-ui .parameter__name.required span, .swagger-ui .parameter__name.required::after,
.swagger-ui .json-schema-2020-12__attribute--primary, .swagger-ui .errors-wrapper { color: #b3261e; }
.swagger-ui .microlight span[style*="211, 99, 99"] { color: #ff9e9e !important; }
.swagger-ui :focus-visible { outline: 2px solid #1a5fb4; outline-offset: 2px; }
`

/**
 * Names and roles Swagger UI leaves out, given again whenever it renders: the logo's text, labels of
 * the URL box, the server choice and each parameter's input (by the parameter's name), no link
 * nested in an operation's toggle button (its deep link still works: the toggle updates the
 * address), and example boxes that scroll reachable by the keyboard.
 */
export const DOCS_JS = `(function () {
  var named = function (element, name) { if (!element.hasAttribute('aria-label')) element.setAttribute('aria-label', name) }
  var fix = function () {
    document.querySelectorAll('.topbar img:not([alt])').forEach(function (img) { img.alt = 'Chain Atlas API' })
    document.querySelectorAll('#download-url-input').forEach(function (input) { named(input, 'OpenAPI document URL') })
    document.querySelectorAll('#servers').forEach(function (select) { named(select, 'Server') })
    document.querySelectorAll('tr[data-param-name]').forEach(function (row) {
      var name = row.getAttribute('data-param-name') + ' (' + (row.getAttribute('data-param-in') || 'parameter') + ')'
      row.querySelectorAll('input, select, textarea').forEach(function (control) { named(control, name) })
    })
    document.querySelectorAll('.opblock-summary-control a[href]').forEach(function (link) { link.removeAttribute('href') })
    document.querySelectorAll('.swagger-ui pre.microlight:not([tabindex])').forEach(function (pre) { pre.tabIndex = 0 })
  }
  var pending = false
  new MutationObserver(function () {
    if (pending) return
    pending = true
    requestAnimationFrame(function () { pending = false; fix() })
  }).observe(document.documentElement, { childList: true, subtree: true })
  fix()
})()
`
