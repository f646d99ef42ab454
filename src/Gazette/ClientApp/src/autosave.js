// Autosave: the text fields go to the person's server-side draft of this article after a few seconds of quiet, when
// a field loses the focus, and when the tab is hidden or closed (a request the browser finishes after the page is
// gone), so a crash or a closed tab loses at most those seconds. Saving the article clears the draft on the server.
const QUIET_MS = 3000;
const FIELDS = ['Input.Title', 'Input.Slug', 'Input.Excerpt', 'Input.Body'];

export function antiforgeryToken(form) {
  return form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
}

function newClientKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function startAutosave(form, textarea) {
  const status = form.querySelector('.autosave-status');
  const articleId = form.dataset.articleId ? Number(form.dataset.articleId) : null;
  const keyField = form.querySelector('input[name="Input.DraftKey"]');
  if (articleId === null && keyField && !keyField.value) {
    keyField.value = newClientKey();
  }
  let timer = 0;
  let pending = false;
  let saving = null;

  const say = (text, problem = false) => {
    if (status) {
      status.textContent = text;
      status.classList.toggle('autosave-problem', problem);
    }
  };

  function payload() {
    const value = (name) => form.elements.namedItem(name)?.value ?? '';
    return JSON.stringify({
      articleId,
      clientKey: articleId === null ? keyField?.value : null,
      title: value('Input.Title'),
      slug: value('Input.Slug'),
      excerpt: value('Input.Excerpt'),
      body: textarea.value,
    });
  }

  async function save(keepalive = false) {
    clearTimeout(timer);
    if (!pending) {
      return;
    }
    if (saving && !keepalive) {
      await saving;
    }
    pending = false;
    const request = fetch(form.dataset.drafts, {
      method: 'POST',
      keepalive,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': antiforgeryToken(form) },
      body: payload(),
    });
    if (keepalive) {
      return;
    }
    say('Saving…');
    saving = (async () => {
      try {
        const response = await request;
        if (response.ok) {
          const saved = await response.json();
          say(pending ? 'Saving…' : `Saved ${saved.label}`);
          form.dataset.draftSavedAt = saved.savedAt;
        } else {
          const problem = await response.json().catch(() => ({}));
          pending = true;
          say(problem.detail ?? 'Not saved: the server refused the draft. Trying again…', true);
        }
      } catch {
        pending = true;
        say('Not saved: the server cannot be reached. Trying again…', true);
        timer = setTimeout(() => save(), QUIET_MS * 3);
      } finally {
        saving = null;
      }
    })();
    await saving;
  }

  // Pressing a button that sends the form away moves the focus to it first: that save carries the text and clears the
  // draft, so an autosave sent now could reach the server after it and leave a stale draft behind. The quiet timer
  // still runs, in case the button is only tabbed past.
  form.addEventListener('focusout', (event) => {
    if (!sendsThePageAway(form, event.relatedTarget)) {
      save();
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      save(true);
    }
  });
  window.addEventListener('pagehide', () => save(true));
  // The article is being saved: its draft goes with it, so no autosave may write one after.
  form.addEventListener('submit', (event) => {
    if (event.submitter && !sendsThePageAway(form, event.submitter)) {
      return;
    }
    pending = false;
    clearTimeout(timer);
  });

  // A restored draft is the person's latest text: it stays the draft until saved.
  if (form.dataset.restored === 'true') {
    say('Restored from your draft: not saved yet.');
  }
  startDiscard(form);

  return (source) => {
    if (!source || !FIELDS.includes(source.name)) {
      return;
    }
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(() => save(), QUIET_MS);
  };
}

/** A submit button of this form whose press leaves the page (the preview opens in another tab and leaves it be). */
function sendsThePageAway(form, element) {
  return element instanceof HTMLButtonElement && element.type === 'submit' && element.form === form && element.formTarget !== '_blank';
}

/** "Discard it" beside the offer of an autosaved draft. */
function startDiscard(form) {
  const button = document.querySelector('.discard-draft');
  if (!button) {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', async () => {
    const query = new URLSearchParams(button.dataset.articleId ? { articleId: button.dataset.articleId } : { clientKey: button.dataset.clientKey });
    const response = await fetch(`${form.dataset.drafts}?${query}`, {
      method: 'DELETE', credentials: 'same-origin', headers: { 'X-CSRF-TOKEN': antiforgeryToken(form) },
    });
    const offer = button.closest('.draft-offer');
    if (response.ok && offer) {
      offer.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'The draft is discarded.' }));
    }
  });
}
