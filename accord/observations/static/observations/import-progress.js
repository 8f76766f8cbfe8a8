// Progressive enhancement of the import progress page. Without JavaScript the page refreshes
// itself (a <meta> refresh inside <noscript>); with it, the bar and its text follow the batch's
// JSON status, screen readers hear each quarter of the way and each change of step (not every
// tick), and the page reloads once, when the import has finished, to show the result.
const box = document.querySelector('[data-module="accord-import-progress"]')
if (box) {
  const bar = box.querySelector('progress')
  const text = box.querySelector('#import-progress-text')
  const announce = box.querySelector('#import-progress-announce')
  let said = ''
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      })
      if (response.ok) {
        const status = await response.json()
        if (!status.running) {
          window.location.reload()
          return
        }
        if (status.percent === null) {
          bar.removeAttribute('value')
          bar.textContent = ''
        } else {
          bar.value = status.percent
          bar.textContent = status.percent + '%'
        }
        text.textContent = status.text
        const news = status.percent === null
          ? status.status_label
          : status.status_label + ': ' + (Math.floor(status.percent / 25) * 25) + '%'
        if (news !== said) {
          announce.textContent = news
          said = news
        }
      }
    } catch (error) {
      // A dropped request is tried again on the next tick.
    }
    window.setTimeout(poll, 2000)
  }
  window.setTimeout(poll, 2000)
}
