// Who else has this article's editor open: the page tells the server every few seconds that it is still open and
// hears back who else is, then says so above the form (the server wrote the first answer into the page). Closing the
// page tells the others at once. Without this script the line shows who was there when the page was opened.
(() => {
  'use strict';

  const line = document.querySelector('[data-presence-url]');
  const token = document.querySelector('form.editor-form input[name="__RequestVerificationToken"]')?.value;
  if (!line || !token) {
    return;
  }
  const body = () => {
    const data = new FormData();
    data.append('__RequestVerificationToken', token);
    return data;
  };
  const beat = async () => {
    try {
      const response = await fetch(line.dataset.presenceUrl, { method: 'POST', body: body(), credentials: 'same-origin' });
      if (response.ok) {
        const answer = await response.json();
        line.textContent = answer.sentence ?? '';
      }
    } catch {
      // Offline for a moment: the next beat tries again.
    }
  };
  setInterval(beat, Number(line.dataset.presenceEvery) * 1000);
  addEventListener('pagehide', () => navigator.sendBeacon(line.dataset.presenceLeave, body()));
})();
