// The live preview: after a pause in typing, the form (without its image file) is posted to the preview's fragment
// handler, which renders the story with the public page's template and sanitizer. Answers that come back late are
// dropped: only the newest edit is shown.
const PAUSE_MS = 700;
const WIDE = window.matchMedia('(min-width: 70rem)');

export function startLivePreview(form, textarea) {
  const pane = form.querySelector('.live-preview');
  const story = pane?.querySelector('.live-preview-story');
  if (!pane || !story) {
    return () => {};
  }
  pane.hidden = false;
  let timer = 0;
  let sent = 0;
  let shown = 0;

  async function refresh() {
    const number = ++sent;
    const data = new FormData(form);
    data.delete('Input.ImageFile');
    data.set('Input.Body', textarea.value);
    pane.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(textarea.dataset.preview, { method: 'POST', body: data, credentials: 'same-origin' });
      if (!response.ok || number < shown) {
        return;
      }
      shown = number;
      story.innerHTML = await response.text();
      pane.dataset.updated = String(number);
    } catch {
      // Offline for a moment: the next pause tries again.
    } finally {
      if (number === sent) {
        pane.removeAttribute('aria-busy');
      }
    }
  }

  refresh();
  return (source) => {
    if (source?.type === 'file') {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(refresh, PAUSE_MS);
  };
}

export const previewIsBeside = () => WIDE.matches;
