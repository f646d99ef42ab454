// Gazette comment forms: nothing typed is lost (issue 15). Each form's text is kept in this browser as it is typed
// (localStorage, per article and parent: its form's address), restored when that form opens again, also after a
// reload or in a form discussion.js opens later, and forgotten once posted. Leaving the page with unsent text asks
// first. A counter shows the room left near the length limit, counted as the site counts. A guest's name and e-mail
// are remembered for their next comment. Nothing here is sent anywhere but in the form itself, and everything works
// without it: the site refuses a text too long, or an edit too late, with the text kept.
(() => {
  'use strict';

  const draftPrefix = 'gazette-draft:';
  const guestKey = 'gazette-guest';
  const sentKey = 'gazette-sent';          // sessionStorage: the draft a form sent by navigating away (no script answer)
  const keepDays = 30;                      // drafts older than this are forgotten
  const store = storage('localStorage');
  const session = storage('sessionStorage');
  let leaving = false;                      // a form is being sent by navigating: no question on the way out
  let counters = 0;

  function storage(name) {
    try {
      const s = window[name];
      s.setItem('gazette-probe', '1');
      s.removeItem('gazette-probe');
      return s;
    } catch {
      return null; // private mode, or storage turned off: the forms still work, without drafts
    }
  }

  const read = (s, key) => {
    try {
      return JSON.parse(s?.getItem(key) || 'null');
    } catch {
      return null;
    }
  };
  const write = (s, key, value) => {
    try {
      s?.setItem(key, JSON.stringify(value));
    } catch {
      // Full: the text stays in the form.
    }
  };

  // A form's draft is named by where it posts: the article's comment form, a reply to one comment, one comment's edit.
  function keyOf(form) {
    const url = new URL(form.getAttribute('action') || location.href, location.href);
    const replyTo = url.searchParams.get('replyTo');
    return draftPrefix + url.pathname + (replyTo ? `?replyTo=${replyTo}` : '');
  }

  const bodyOf = form => form.querySelector('textarea[name=Body]');
  const guestField = (form, name) => form.querySelector(`input[name=${name}]:not([type=hidden])`);

  // The site sent this form back refusing what was in it: the text in it is the latest, and unsent.
  const refused = form => Boolean(form.querySelector('.field-validation-error, .validation-summary-errors, .inline-message')
    || (!form.closest('#comments') && document.querySelector('.validation-summary-errors')));

  const unsent = form => {
    const body = bodyOf(form);
    return Boolean(body && body.value.trim() && (body.value !== body.defaultValue || refused(form)));
  };

  function save(form) {
    const key = keyOf(form);
    if (unsent(form)) {
      write(store, key, { body: bodyOf(form).value, at: Date.now() });
    } else {
      store?.removeItem(key);
    }
  }

  // ---------- Each comment form, as it appears (on the page, or opened in place by discussion.js) ----------

  function enhance(form) {
    form.dataset.drafts = 'on';
    const body = bodyOf(form);
    if (!body) {
      return;
    }
    if (form.classList.contains('late-edit')) {
      store?.removeItem(draftPrefix + location.pathname); // the edit's draft is this rewrite now
    }
    // A form the site sent back with the text refused holds the latest text; one refused on sight (a parent deleted
    // since) holds none, and the draft is all there is.
    if (refused(form) && body.value.trim()) {
      save(form);
    } else {
      const draft = read(store, keyOf(form));
      if (draft?.body && draft.body !== body.value) {
        body.value = draft.body;
        noteRestored(form, body);
      }
    }
    if (!refused(form)) {
      const guest = read(store, guestKey);
      for (const [name, value] of [['AuthorName', guest?.name], ['AuthorEmail', guest?.email]]) {
        const field = guestField(form, name);
        if (field && !field.value && value) {
          field.value = value;
        }
      }
    }
    addCounter(body);
    const timeLeft = form.querySelector('.edit-time-left');
    if (timeLeft) {
      countDown(timeLeft);
    }
  }

  function noteRestored(form, body) {
    const note = document.createElement('p');
    note.className = 'form-hint draft-note';
    note.setAttribute('role', 'status');
    note.textContent = 'Your unsent text was kept in this browser and is back. ';
    const discard = document.createElement('button');
    discard.type = 'button';
    discard.className = 'draft-discard';
    discard.textContent = 'Discard it';
    discard.addEventListener('click', () => {
      body.value = body.defaultValue;
      save(form);
      body.dispatchEvent(new Event('input', { bubbles: true }));
      note.remove();
      body.focus();
    });
    note.append(discard);
    body.before(note);
  }

  // ---------- Room left: counted as the site counts ----------

  // A form sends each line break as CR LF, and the site counts UTF-16 code units, as string length does here.
  const lengthSent = text => text.replace(/\r\n|\r|\n/g, '\r\n').length;
  const number = n => n.toLocaleString('en-US');

  function addCounter(body) {
    const max = Number(body.dataset.maxLength);
    if (!max) {
      return;
    }
    const counter = document.createElement('p');
    counter.className = 'form-hint length-counter';
    counter.id = `length-counter-${++counters}`;
    counter.setAttribute('aria-live', 'polite');
    body.after(counter);
    body.setAttribute('aria-describedby', `${body.getAttribute('aria-describedby') || ''} ${counter.id}`.trim());
    const update = () => {
      const left = max - lengthSent(body.value);
      // Shown near the limit only: the last tenth of it.
      counter.hidden = left > max / 10;
      counter.classList.toggle('length-over', left < 0);
      counter.textContent = left >= 0
        ? `${number(left)} ${left === 1 ? 'character' : 'characters'} left of ${number(max)}.`
        : `${number(-left)} ${left === -1 ? 'character' : 'characters'} over the limit of ${number(max)}: shorten it before posting.`;
    };
    body.addEventListener('input', update);
    update();
  }

  // ---------- The edit form's time left ----------

  function inWords(ms) {
    if (ms <= 0) {
      return 'no time';
    }
    const minutes = Math.ceil(ms / 60000);
    const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
    const unit = (n, one) => `${number(n)} ${one}${n === 1 ? '' : 's'}`;
    return hours === 0 ? unit(rest, 'minute') : rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
  }

  function countDown(element) {
    const span = element.querySelector('.time-left');
    const seconds = Number(element.dataset.secondsLeft);
    if (!span || element.dataset.secondsLeft === undefined || Number.isNaN(seconds)) {
      return;
    }
    const end = performance.now() + seconds * 1000; // the site's count, not this browser's clock
    const tick = () => {
      const left = end - performance.now();
      span.textContent = inWords(left);
      if (left <= 0) {
        clearInterval(timer);
        span.textContent = 'none (saved now, your text is offered to post as a new reply)';
      }
    };
    const timer = setInterval(tick, 15000);
    tick();
  }

  // ---------- Typing, sending, leaving ----------

  document.addEventListener('input', event => {
    const form = event.target.closest?.('form.comment-form');
    if (!form) {
      return;
    }
    if (event.target.name === 'Body') {
      save(form);
    } else if (event.target.name === 'AuthorName' || event.target.name === 'AuthorEmail') {
      const guest = read(store, guestKey) || {};
      guest[event.target.name === 'AuthorName' ? 'name' : 'email'] = event.target.value;
      write(store, guestKey, guest);
    }
  });

  // After discussion.js (on #comments) has decided: a form it sends in place says when it is posted (`comment-posted`);
  // a form sent by navigating is forgotten on the page that comes next, unless that page holds the same form again.
  window.addEventListener('submit', event => {
    const form = event.target;
    if (!form.matches?.('form.comment-form') || event.defaultPrevented) {
      return;
    }
    leaving = true;
    write(session, sentKey, { key: keyOf(form), body: bodyOf(form)?.value });
  });

  document.addEventListener('comment-posted', event => {
    const form = event.target.closest?.('form.comment-form') || event.target;
    if (form.matches?.('form.comment-form')) {
      store?.removeItem(keyOf(form));
    }
  });

  window.addEventListener('pageshow', () => {
    leaving = false; // back from the history: the page is live again
  });

  window.addEventListener('beforeunload', event => {
    if (!leaving && [...document.querySelectorAll('form.comment-form')].some(unsent)) {
      event.preventDefault();
      event.returnValue = ''; // older browsers ask only when this is set
    }
  });

  function forgetSent() {
    const sent = read(session, sentKey);
    session?.removeItem(sentKey);
    if (!sent?.key || [...document.querySelectorAll('form.comment-form')].some(form => keyOf(form) === sent.key)) {
      return; // the same form is here again (refused, or the way back): its text stays
    }
    if (read(store, sent.key)?.body === sent.body) {
      store?.removeItem(sent.key);
    }
  }

  function forgetOld() {
    const before = Date.now() - keepDays * 24 * 3600 * 1000;
    for (let i = (store?.length || 0) - 1; i >= 0; i--) {
      const key = store.key(i);
      if (key?.startsWith(draftPrefix) && !((read(store, key)?.at || 0) > before)) {
        store.removeItem(key);
      }
    }
  }

  const enhanceAll = () => {
    for (const form of document.querySelectorAll('form.comment-form:not([data-drafts])')) {
      enhance(form);
    }
  };

  forgetSent();
  forgetOld();
  enhanceAll();
  // Forms discussion.js opens in place, or shows again with the site's messages.
  new MutationObserver(enhanceAll).observe(document.body, { childList: true, subtree: true });
})();
