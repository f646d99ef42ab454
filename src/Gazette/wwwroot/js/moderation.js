// The moderation queue from the keyboard: j/k move between comments, a approve, s spam, t trash, r restore,
// e edit, x ticks a comment (a/s/t/r then act on every ticked one), ? shows the keys.
// The page works without it: every action is a button of the queue's form. No inline script (the CSP forbids it).
// Live: comments that come to wait are announced, and those other moderators decide or open are marked (docs/live.md).
(() => {
  'use strict';

  const form = document.getElementById('queue-form');
  const help = document.getElementById('shortcut-help');
  const items = form ? [...form.querySelectorAll('.queue-item')] : [];
  const storageKey = `gazette-moderation:${location.pathname}${location.search}`;
  let current = -1;

  function select(index, focus = true) {
    if (items.length === 0) {
      return;
    }
    current = Math.max(0, Math.min(index, items.length - 1));
    items.forEach((item, i) => {
      item.classList.toggle('current', i === current);
      item.setAttribute('aria-current', i === current ? 'true' : 'false');
    });
    const item = items[current];
    if (focus) {
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: 'nearest' });
    }
  }

  function act(key) {
    const ticked = form.querySelectorAll('input.queue-select:checked');
    const button = ticked.length > 0
      ? form.querySelector(`button[data-bulk="${key}"]`)
      : items[current]?.querySelector(`button[data-key="${key}"]`);
    if (!button) {
      return;
    }
    // Where to come back to: the item now at this place once the page loads again.
    sessionStorage.setItem(storageKey, String(current));
    form.requestSubmit(button);
  }

  for (const item of items) {
    item.tabIndex = -1;
    for (const button of item.querySelectorAll('[data-key]')) {
      button.setAttribute('aria-keyshortcuts', button.dataset.key);
    }
    item.addEventListener('focusin', () => {
      const index = items.indexOf(item);
      if (index !== current) {
        select(index, false);
      }
    });
  }

  // Back from an action: the comment now at the same place is the current one, focused; on arrival, the first, unfocused.
  const saved = sessionStorage.getItem(storageKey);
  sessionStorage.removeItem(storageKey);
  select(saved === null ? 0 : Number(saved) || 0, saved !== null);

  // ---------- Live: the other moderators ----------

  const liveNote = document.querySelector('.queue-live');
  const decidedWords = { Approved: 'Approved', Spam: 'Marked as spam', Trashed: 'Trashed', Pending: 'Sent back to wait' };
  let arrived = 0;

  // A mark on a comment of this page: who decided it (its buttons then do nothing more), or who has it open.
  function mark(id, text, decided) {
    const item = document.getElementById(`item-${id}`);
    if (!item) {
      return;
    }
    let note = item.querySelector('.queue-live-mark');
    if (!note) {
      note = document.createElement('p');
      note.className = 'queue-live-mark';
      item.querySelector('article')?.prepend(note);
    }
    note.textContent = text;
    if (decided) {
      item.classList.add('queue-decided');
      for (const button of item.querySelectorAll('button[name="one"]')) {
        button.disabled = true;
      }
    }
  }

  function connectLive() {
    const source = new EventSource(`${liveNote.dataset.live}?after=${liveNote.dataset.liveAfter}`);
    const on = (kind, handle) => source.addEventListener(kind, event => handle(JSON.parse(event.data)));
    source.addEventListener('open', () => { liveNote.dataset.liveState = 'open'; });
    source.addEventListener('error', () => { liveNote.dataset.liveState = 'connecting'; });
    on('held', data => {
      if (document.getElementById(`item-${data.comment}`)) {
        return;
      }
      arrived += 1;
      const link = document.createElement('a');
      link.href = location.pathname + location.search;
      link.textContent = `${arrived} new ${arrived === 1 ? 'comment waits' : 'comments wait'}: show ${arrived === 1 ? 'it' : 'them'}`;
      liveNote.replaceChildren(link);
      liveNote.hidden = false;
    });
    on('decided', data => mark(data.comment, `${decidedWords[data.status] || data.status} by ${data.by}`, true));
    on('opened', data => {
      if (data.by !== liveNote.dataset.me) {
        mark(data.comment, `Open with ${data.by}`, false);
      }
    });
  }

  if (liveNote?.dataset.live && window.EventSource) {
    if (document.readyState === 'complete') {
      connectLive();
    } else {
      window.addEventListener('load', connectLive, { once: true });
    }
  }

  document.addEventListener('keydown', event => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select'))) {
      return;
    }
    const key = event.key;
    if (key === '?') {
      if (help) {
        help.open = !help.open;
        if (help.open) {
          help.scrollIntoView({ block: 'nearest' });
        }
      }
      event.preventDefault();
      return;
    }
    if (items.length === 0) {
      return;
    }
    switch (key) {
      case 'j':
        select(current + 1);
        break;
      case 'k':
        select(current - 1);
        break;
      case 'x': {
        const box = items[current].querySelector('input.queue-select');
        if (box) {
          box.checked = !box.checked;
        }
        break;
      }
      case 'a':
      case 's':
      case 't':
      case 'r':
        act(key);
        break;
      case 'e': {
        const edit = items[current].querySelector('a[data-key="e"]');
        if (edit) {
          location.assign(edit.href);
        }
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });
})();
