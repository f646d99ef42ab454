// Gazette discussions, enhanced: reply in place, collapse sub-threads, vote without leaving the page, keyboard keys,
// "N more replies" loaded in place, and live: what others write arrives while the page is open (docs/live.md).
// Everything here already works without it through ordinary links and forms; this script only saves page loads.
// No inline script or style anywhere: the CSP allows scripts from this site only, so state lives in classes and `hidden`.
(() => {
  'use strict';

  const root = document.getElementById('comments');
  if (!root) {
    return;
  }

  // A link to a comment (#comment-N, such as an imported site's old links) that this page of the discussion does not
  // show: its permalink finds the page that does.
  const linked = /^#comment-(\d+)$/.exec(location.hash);
  if (linked && !document.getElementById(`comment-${linked[1]}`)) {
    location.replace(`/comments/${linked[1]}`);
    return;
  }

  const scriptHeader = { 'X-Gazette-Script': '1' }; // tells the form pages to answer JSON on success
  const votes = new Map();                          // comment id → this reader's vote, kept across re-renders
  let compose = null;                               // the one inline form open: { box, trigger }
  let antiforgery = null;                           // promise of { token, headerName }, fetched once
  const mine = new Set();                           // ids of comments this reader wrote from this page

  const idOf = li => li.id.slice('comment-'.length);
  const own = (li, selector) => li.querySelector(`:scope > ${selector}`);
  const cardOf = li => own(li, '.comment-card');
  const actionsOf = li => own(li, '.comment-card > .comment-actions') || own(li, '.comment-meta');
  const parse = html => new DOMParser().parseFromString(html, 'text/html');

  // ---------- Binding (again after every re-render of #comments) ----------

  function bind() {
    if (!root.querySelector('.keyboard-help')) {
      const help = document.createElement('p');
      help.className = 'keyboard-help visually-hidden';
      help.textContent = 'Keyboard shortcuts: j and k move to the next and previous comment, p to its parent, ' +
        'c collapses or expands its replies, r replies to it, n goes to the next new comment.';
      const header = root.querySelector('.discussion-header'); // a continued thread's page has only its h1
      header ? header.append(help) : root.querySelector('h1')?.after(help);
    }
    for (const li of root.querySelectorAll('li.comment')) {
      (cardOf(li) || li).tabIndex = -1; // focusable by the keys below, not a stop for Tab
      if (li.dataset.myVote && !votes.has(idOf(li))) {
        votes.set(idOf(li), Number(li.dataset.myVote)); // the server remembers this reader's earlier votes
      }
      for (const arrow of li.querySelectorAll(':scope > .comment-card .vote')) {
        arrow.setAttribute('role', 'button'); // a toggle now, no longer a link to the vote page
        const value = arrow.classList.contains('vote-up') ? 1 : -1;
        arrow.setAttribute('aria-pressed', String(votes.get(idOf(li)) === value));
      }
      addCollapse(li);
    }
  }

  function addCollapse(li) {
    const list = own(li, 'ol.replies');
    if (!list || own(li, '.collapsed-note')) {
      return;
    }
    list.id = `replies-${idOf(li)}`;
    const count = Number(li.dataset.replies) || list.querySelectorAll('li.comment').length;
    const note = document.createElement('p');
    note.className = 'collapsed-note';
    note.hidden = true;
    note.textContent = `${count} ${count === 1 ? 'reply' : 'replies'} hidden`;
    list.before(note);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'collapse';
    button.setAttribute('aria-controls', list.id);
    button.setAttribute('aria-expanded', 'true');
    button.textContent = 'Hide replies';
    actionsOf(li).append(button);
  }

  function toggle(li) {
    const button = actionsOf(li)?.querySelector('.collapse');
    if (!button) {
      return;
    }
    const expand = button.getAttribute('aria-expanded') !== 'true';
    if (!expand) {
      // Counted now: replies loaded in place since the page came count too.
      const count = own(li, 'ol.replies').querySelectorAll('li.comment').length;
      own(li, '.collapsed-note').textContent = `${count} ${count === 1 ? 'reply' : 'replies'} hidden`;
    }
    own(li, 'ol.replies').hidden = !expand;
    own(li, '.collapsed-note').hidden = expand;
    button.setAttribute('aria-expanded', String(expand));
    button.textContent = expand ? 'Hide replies' : 'Show replies';
  }

  // ---------- Writing in place ----------

  async function openCompose(trigger) {
    if (compose?.trigger === trigger) {
      compose.box.querySelector('textarea')?.focus();
      return;
    }
    closeCompose(false);
    const li = trigger.closest('li.comment');
    const box = document.createElement('div');
    box.className = 'inline-compose';
    box.setAttribute('role', 'status');
    box.textContent = 'Loading the form…';
    (li ? cardOf(li) : root.querySelector('.discussion-header')).after(box);
    compose = { box, trigger };
    let page = null;
    try {
      page = parse(await (await fetch(trigger.href)).text());
    } catch {
      // Handled below as a page without a form.
    }
    if (compose?.box !== box) {
      return; // cancelled, or another form opened, while this one loaded
    }
    if (!page?.querySelector('form.comment-form')) {
      location.assign(trigger.href); // the form's own page always works, and says why when it cannot
      return;
    }
    showForm(box, page);
  }

  // The form of a comment page, named after that page's title ("Reply to Ana") for screen readers.
  function showForm(box, page) {
    const form = document.adoptNode(page.querySelector('form.comment-form'));
    form.setAttribute('aria-label', page.querySelector('h1')?.textContent.trim() || 'Write a comment');
    box.removeAttribute('role');
    box.replaceChildren(form);
    form.querySelector('textarea')?.focus();
  }

  function closeCompose(restoreFocus) {
    if (!compose) {
      return;
    }
    compose.box.remove();
    if (restoreFocus) {
      compose.trigger.focus();
    }
    compose = null;
  }

  function sayInForm(form, text) {
    let message = form.querySelector('.inline-message');
    if (!message) {
      message = document.createElement('p');
      message.className = 'inline-message form-errors';
      message.setAttribute('role', 'alert');
      form.prepend(message);
    }
    message.textContent = text;
  }

  async function submit(form, renewed = false) {
    const button = form.querySelector('[type=submit]');
    button.disabled = true; // one comment per click, however impatient the click
    let response;
    try {
      response = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: scriptHeader });
    } catch {
      button.disabled = false;
      sayInForm(form, 'Your comment could not be sent: the site cannot be reached. Your text is kept; try again.');
      return;
    }
    if (response.ok && response.headers.get('Content-Type')?.includes('json')) {
      const { id, url } = await response.json();
      mine.add(String(id)); // its live event, on its way, finds it here already
      form.dispatchEvent(new CustomEvent('comment-posted', { bubbles: true })); // drafts.js forgets its draft
      closeCompose(false);
      await showComment(id, url);
      return;
    }
    button.disabled = false;
    const page = parse(await response.text());
    // The form's antiforgery token had gone stale (a browser restart, a sign-in elsewhere): nothing was saved, and the
    // answer carries a fresh token. Sent again with it, once, as the reader meant.
    const fresh = page.querySelector('form.resend-form [name=__RequestVerificationToken]');
    const stale = form.querySelector('[name=__RequestVerificationToken]');
    if (response.status === 400 && fresh && stale && !renewed) {
      stale.value = fresh.value;
      await submit(form, true);
      return;
    }
    const box = form.closest('.inline-compose');
    if (page.querySelector('form.comment-form') && box && response.status >= 400 && response.status < 500) {
      showForm(box, page); // the server's own messages, next to the fields, text kept
      return;
    }
    const reason = page.querySelector('.form-errors, .comments-closed')?.textContent.trim();
    sayInForm(form, reason || `The site did not accept the comment (error ${response.status}). Your text is kept; try again.`);
  }

  // The new comment in its thread: the discussion is drawn again from the page that shows it, without a reload.
  async function showComment(id, url) {
    try {
      // A continued thread's page shows its own new replies; the permalink leads to the article page.
      const subThread = root.classList.contains('sub-thread');
      const response = await fetch(subThread ? location.href : url);
      const fresh = parse(await response.text());
      const comments = fresh.getElementById('comments');
      if (!response.ok || !comments || !fresh.getElementById(`comment-${id}`)) {
        throw new Error('not shown here');
      }
      root.replaceChildren(...document.adoptNode(comments).childNodes);
      // The count in the byline, above the discussion, follows the one the fresh page gives.
      const count = document.querySelector('.byline a[href="#comments"]');
      const freshCount = fresh.querySelector('.byline a[href="#comments"]');
      if (count && freshCount) {
        count.textContent = freshCount.textContent;
      }
      const address = new URL(response.url);
      if (!subThread && address.pathname !== location.pathname) {
        throw new Error('shown on a page of replies'); // beyond this page's budget: that page itself, not its part here
      }
      if (!subThread && address.pathname + address.search !== location.pathname + location.search) {
        history.replaceState(null, '', address.pathname + address.search + `#comment-${id}`); // another page of comments
      }
    } catch {
      location.assign(url);
      return;
    }
    bind();
    liveRedrawn();
    const li = document.getElementById(`comment-${id}`);
    li.classList.add('comment-new');
    (cardOf(li) || li).focus();
  }

  // ---------- More replies, in place ----------

  // The page a "more replies" link leads to holds the comment again with the next of its replies (drawn at this
  // comment's depth: the link's data-fragment): those replies go under the ones shown, and its own "more replies"
  // link, if more are left, takes the place of the one clicked.
  async function loadMoreReplies(link) {
    if (link.getAttribute('aria-busy') === 'true') {
      return; // one load per link, however impatient the clicks
    }
    const li = document.getElementById(`comment-${link.dataset.parent}`);
    const holder = link.closest('.more-replies');
    link.setAttribute('aria-busy', 'true');
    let source = null;
    try {
      const response = await fetch(link.dataset.fragment || link.href);
      if (response.ok) {
        source = parse(await response.text()).getElementById(li?.id);
      }
    } catch {
      // Handled below as a page without the replies.
    }
    if (!li || !source || !holder.isConnected) {
      location.assign(link.href); // the replies' own page always works
      return;
    }
    let list = own(li, 'ol.replies');
    if (!list) {
      list = document.createElement('ol');
      list.className = 'replies';
      holder.before(list);
    }
    const added = [];
    for (const reply of source.querySelectorAll(':scope > ol.replies > li.comment')) {
      // A comment already here (written in place since the page came) is not shown twice.
      if (document.getElementById(reply.id)) {
        continue;
      }
      for (const inner of reply.querySelectorAll('li.comment')) {
        if (document.getElementById(inner.id)) {
          inner.remove();
        }
      }
      list.append(document.adoptNode(reply));
      added.push(reply);
    }
    const next = source.querySelector(':scope > .more-replies');
    if (next) {
      holder.replaceWith(document.adoptNode(next));
    } else {
      holder.remove();
    }
    bind();
    // Focus goes to the first reply loaded, where reading goes on; without one, to what is left to load.
    const target = added[0] ? cardOf(added[0]) || added[0] : own(li, '.more-replies')?.querySelector('a') || cardOf(li);
    target?.focus();
  }

  // ---------- Votes ----------

  function token() {
    antiforgery ||= fetch('/api/v1/antiforgery').then(r => {
      if (!r.ok) {
        throw new Error(`antiforgery ${r.status}`);
      }
      return r.json();
    });
    return antiforgery;
  }

  async function vote(arrow) {
    const li = arrow.closest('li.comment');
    const id = idOf(li);
    const chosen = arrow.classList.contains('vote-up') ? 1 : -1;
    const value = arrow.getAttribute('aria-pressed') === 'true' ? 0 : chosen; // the chosen arrow again withdraws
    try {
      const { token: secret, headerName } = await token();
      const response = await fetch(`/api/v1/comments/${id}/vote`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [headerName]: secret },
        body: JSON.stringify({ value }),
      });
      const answer = await response.json().catch(() => ({})); // problem details, or nothing useful
      if (!response.ok) {
        if (response.status === 400) {
          antiforgery = null; // perhaps an expired token: the next click fetches a new one
        }
        flash(arrow, answer.detail || 'Your vote was not counted.');
        return;
      }
      own(li, '.comment-card .comment-score').textContent = answer.score;
      votes.set(id, value);
      for (const each of li.querySelectorAll(':scope > .comment-card .vote')) {
        each.setAttribute('aria-pressed', String(each.classList.contains('vote-up') ? value === 1 : value === -1));
      }
    } catch {
      antiforgery = null;
      flash(arrow, 'Your vote could not be sent: the site cannot be reached.');
    }
  }

  // A short message after the arrows, read out by screen readers, gone after a few seconds.
  function flash(arrow, text) {
    const actions = arrow.parentElement;
    let message = actions.querySelector('.vote-message');
    if (!message) {
      message = document.createElement('span');
      message.className = 'vote-message';
      message.setAttribute('role', 'status');
      actions.querySelector('.vote-down').after(message);
    }
    message.textContent = text;
    clearTimeout(message.timer);
    message.timer = setTimeout(() => message.remove(), 5000);
  }

  // ---------- Live: what others write, while the page is open ----------

  // The page says where its stream is and the last event it was drawn with (the same for every reader: the cached
  // page is untouched). Nothing jumps under the reader's eyes: new top-level comments wait behind a bar; replies go
  // under their parent, marked new; edits, deletions, scores and the count change in place. The browser reconnects by
  // itself after a drop and says the last event it had (Last-Event-ID); the stream replays what was missed, once.
  const waiting = new Map();   // new top-level comments behind the bar: id → their li, in order of arrival
  let countFrom = 0;           // the event the shown count comes from: an older one (replayed) does not undo it
  let lastEvent = Number(root.dataset.liveAfter) || 0;

  function connectLive() {
    if (!root.dataset.live || !window.EventSource) {
      return;
    }
    const source = new EventSource(`${root.dataset.live}?after=${lastEvent}`);
    const on = (kind, handle) => source.addEventListener(kind, event => {
      lastEvent = Math.max(lastEvent, Number(event.lastEventId) || 0);
      const data = JSON.parse(event.data);
      showCount(data.count, Number(event.lastEventId));
      handle(String(data.comment), data).catch(() => {}); // a comment that cannot be fetched now: the next reload shows it
    });
    on('added', added);
    on('edited', edited);
    on('deleted', deleted);
    on('removed', async id => removeComment(id));
    on('score', async (id, data) => {
      const score = document.getElementById(`comment-${id}`)?.querySelector(':scope > .comment-card .comment-score');
      if (score) {
        score.textContent = data.score;
      }
    });
    source.addEventListener('reload', () => {
      lastEvent = 0;
      showBar('The discussion has moved on while you were away. Reload the page to see it.', true);
    });
    // The stream refused (a site that turned live updates off, an article withdrawn): the browser gives up; so do we,
    // after one more try later from the last event seen (an instance restarting answers again soon).
    // The state, for styles and tests to read: "open", or "connecting" while the browser tries again.
    source.addEventListener('open', () => { root.dataset.liveState = 'open'; });
    source.addEventListener('error', () => {
      root.dataset.liveState = 'connecting';
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connectLive, 15000);
      }
    });
  }

  // One comment drawn by the server as the thread draws it for everyone (escaped and sanitized there), or null.
  async function fetchComment(id) {
    const sort = new URLSearchParams(location.search).get('sort');
    const response = await fetch(`/comments/${id}/live${sort ? `?sort=${encodeURIComponent(sort)}` : ''}`);
    return response.ok ? parse(await response.text()).getElementById(`comment-${id}`) : null;
  }

  async function added(id, data) {
    if (mine.has(id) || waiting.has(id) || document.getElementById(`comment-${id}`)) {
      return; // the reader's own, or already on the page (drawn after the event, or replayed)
    }
    const parent = data.parent ? document.getElementById(`comment-${data.parent}`) : null;
    if (data.parent && !parent) {
      return; // a reply to a comment this page does not show: the count says it, its own page shows it
    }
    const li = await fetchComment(id);
    if (!li || document.getElementById(li.id) || waiting.has(id)) {
      return;
    }
    document.adoptNode(li);
    li.classList.add('comment-new', 'comment-live');
    if (parent) {
      let list = own(parent, 'ol.replies');
      if (!list) {
        list = document.createElement('ol');
        list.className = 'replies';
        const after = own(parent, '.more-replies') || own(parent, '.continue-thread');
        if (after) {
          after.before(list);
        } else {
          parent.append(list);
        }
      }
      list.append(li);
      bind();
      return;
    }
    waiting.set(id, li);
    showBar(`${waiting.size} new ${waiting.size === 1 ? 'comment' : 'comments'}`);
  }

  // The bar above the thread: a button that shows the comments waiting, or a note that says to reload.
  function showBar(text, reload = false) {
    let bar = root.querySelector('.live-bar');
    if (!bar) {
      bar = document.createElement(reload ? 'p' : 'button');
      bar.className = 'live-bar';
      if (!reload) {
        bar.type = 'button';
      }
      bar.setAttribute('aria-live', 'polite');
      const header = root.querySelector('.discussion-header');
      header ? header.after(bar) : root.prepend(bar);
    }
    bar.textContent = text;
  }

  function showWaiting() {
    if (waiting.size === 0) {
      return;
    }
    let list = root.querySelector('ol.comment-list');
    if (!list) {
      list = document.createElement('ol');
      list.className = 'comment-list';
      const empty = root.querySelector('p.empty');
      empty ? empty.replaceWith(list) : root.querySelector('.live-bar').after(list);
    }
    // Newest first puts them on top, as the server would; every other order, at the end.
    const newestFirst = new URLSearchParams(location.search).get('sort') === 'newest';
    const shown = [...waiting.values()];
    waiting.clear();
    if (newestFirst) {
      list.prepend(...shown.reverse());
    } else {
      list.append(...shown);
    }
    root.querySelector('.live-bar')?.remove();
    bind();
    const first = newestFirst ? shown[shown.length - 1] : shown[0];
    (cardOf(first) || first).focus();
  }

  async function edited(id) {
    const li = document.getElementById(`comment-${id}`) || waiting.get(id);
    const fresh = li && await fetchComment(id);
    if (!fresh) {
      return;
    }
    // Text and header only: the reader's own actions on their own comment (edit, delete) stay as they were.
    for (const part of ['.comment-card > .comment-meta', '.comment-card > .comment-text']) {
      const old = li.querySelector(`:scope > ${part}`);
      const now = fresh.querySelector(`:scope > ${part}`);
      if (old && now) {
        old.replaceWith(document.adoptNode(now));
      }
    }
  }

  async function deleted(id) {
    const li = document.getElementById(`comment-${id}`);
    if (!li || !own(li, 'ol.replies')?.querySelector('li.comment')) {
      removeComment(id); // nothing hangs from it: it goes, as the thread drops it
      return;
    }
    // Its replies keep their place under its placeholder.
    const fresh = await fetchComment(id);
    const meta = fresh?.querySelector(':scope > .comment-meta');
    if (!meta) {
      return;
    }
    const number = li.querySelector(':scope > .comment-card .comment-number');
    if (number) {
      meta.prepend(number);
    }
    cardOf(li)?.replaceWith(document.adoptNode(meta));
    li.className = 'comment comment-deleted';
  }

  function removeComment(id) {
    if (waiting.delete(id)) {
      showBar(`${waiting.size} new ${waiting.size === 1 ? 'comment' : 'comments'}`);
      if (waiting.size === 0) {
        root.querySelector('.live-bar')?.remove();
      }
      return;
    }
    document.getElementById(`comment-${id}`)?.remove();
  }

  const countLabel = count => count === 0 ? 'No comments' : count === 1 ? '1 comment' : `${count.toLocaleString('en-US')} comments`;

  function showCount(count, eventId) {
    if (typeof count !== 'number' || eventId < countFrom) {
      return;
    }
    countFrom = eventId;
    for (const label of [root.querySelector('#comments-title'), document.querySelector('.byline a[href="#comments"]')]) {
      if (label) {
        label.textContent = countLabel(count);
      }
    }
  }

  // The discussion was drawn again (after the reader's own comment): what waits behind the bar and is now on the page
  // drops out of the bar.
  function liveRedrawn() {
    for (const id of [...waiting.keys()]) {
      if (document.getElementById(`comment-${id}`)) {
        waiting.delete(id);
      }
    }
    if (waiting.size > 0) {
      showBar(`${waiting.size} new ${waiting.size === 1 ? 'comment' : 'comments'}`);
    }
  }

  // n: the next comment that arrived live (or was just written) after the one in focus; the bar's comments first
  // when there is none further down.
  function nextNew(current) {
    const fresh = [...root.querySelectorAll('li.comment-new')].filter(li => !li.parentElement.closest('[hidden]'));
    const after = current ? fresh.find(li => current.compareDocumentPosition(li) & Node.DOCUMENT_POSITION_FOLLOWING && !current.contains(li)) : fresh[0];
    if (after) {
      focusComment(after);
    } else if (waiting.size > 0) {
      showWaiting();
    }
  }

  // ---------- Quote: text selected in a comment offers "Quote", into the reply to that comment ----------

  let quoting = null; // { li, text } of the selection the button offers
  const quoteButton = document.createElement('button');
  quoteButton.type = 'button';
  quoteButton.className = 'quote-selection';
  quoteButton.textContent = 'Quote';
  quoteButton.hidden = true;
  // Pressing the button must not clear the selection it is about.
  quoteButton.addEventListener('mousedown', event => event.preventDefault());
  quoteButton.addEventListener('click', () => quote());

  function offerQuote() {
    const selection = document.getSelection();
    const text = selection && !selection.isCollapsed ? selection.toString().trim() : '';
    const inText = node => (node?.nodeType === Node.ELEMENT_NODE ? node : node?.parentElement)?.closest('#comments .comment-text');
    const box = text && inText(selection.anchorNode);
    const li = box && box === inText(selection.focusNode) ? box.closest('li.comment') : null;
    const reply = li && cardOf(li)?.querySelector('a.reply');
    if (!reply) {
      quoting = null;
      quoteButton.hidden = true;
      return;
    }
    quoting = { li, text };
    if (quoteButton.parentElement !== actionsOf(li)) {
      actionsOf(li).append(quoteButton);
    }
    quoteButton.setAttribute('aria-label', `Quote the selected text in a reply to ${li.querySelector('.comment-author')?.textContent.trim() || 'this comment'}`);
    quoteButton.hidden = false;
  }

  // "@Name wrote:" (a mention, so it links to them) and each line of the selection as a Markdown block quote.
  async function quote() {
    if (!quoting) {
      return;
    }
    const { li, text } = quoting;
    const author = li.querySelector('.comment-author')?.textContent.trim();
    const lines = text.split(/\r?\n/).map(line => (line.trim() ? `> ${line.trim()}` : '>'));
    const quoted = `${author ? `@${author} wrote:\n` : ''}${lines.join('\n')}\n\n`;
    quoteButton.hidden = true;
    await openCompose(cardOf(li).querySelector('a.reply'));
    const textarea = compose?.box.querySelector('textarea[name=Body]');
    if (!textarea) {
      return;
    }
    textarea.value = textarea.value.trim() ? `${textarea.value.replace(/\s+$/, '')}\n\n${quoted}` : quoted;
    textarea.dispatchEvent(new Event('input', { bubbles: true })); // whatever keeps drafts hears of it
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  document.addEventListener('selectionchange', offerQuote);

  // ---------- Events: delegated to #comments, whose content is replaced after each new comment ----------

  root.addEventListener('click', event => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return; // a new tab or window: let the link be a link
    }
    const target = event.target.closest('a, button');
    if (!target) {
      return;
    }
    if (target.matches('a.reply, a.write-comment')) {
      event.preventDefault();
      openCompose(target);
    } else if (target.matches('a.vote')) {
      event.preventDefault();
      vote(target);
    } else if (target.matches('.more-replies > a')) {
      event.preventDefault();
      loadMoreReplies(target);
    } else if (target.matches('button.collapse')) {
      toggle(target.closest('li.comment'));
    } else if (target.matches('button.live-bar')) {
      showWaiting();
    } else if (target.matches('.inline-compose a.cancel')) {
      event.preventDefault();
      closeCompose(true);
    }
  });

  root.addEventListener('submit', event => {
    if (event.target.closest('.inline-compose')) {
      event.preventDefault();
      submit(event.target);
    }
  });

  const focusComment = li => li && (cardOf(li) || li).focus();

  document.addEventListener('keydown', event => {
    const target = event.target;
    if (event.key === ' ' && target.matches?.('a[role="button"]')) {
      event.preventDefault(); // a toggle button answers Space as well as Enter
      target.click();
      return;
    }
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey
      || target.closest?.('input, textarea, select, [contenteditable]') || target.isContentEditable) {
      return; // typing, or another shortcut of the browser or the system
    }
    const current = document.activeElement?.closest('#comments li.comment');
    // Comments in reading order, less those in collapsed sub-threads; j and k skip deleted ones (nothing to read).
    const shown = [...root.querySelectorAll('li.comment')].filter(li => !li.parentElement.closest('[hidden]'));
    const index = shown.indexOf(current);
    const actions = {
      j: () => focusComment(shown.slice(index + 1).find(cardOf)),
      k: () => focusComment(shown.slice(0, Math.max(index, 0)).reverse().find(cardOf)),
      p: () => focusComment(current?.parentElement.closest('li.comment')),
      c: () => current && toggle(current),
      r: () => {
        const reply = current && cardOf(current)?.querySelector('a.reply');
        if (reply) {
          openCompose(reply);
        }
      },
      n: () => nextNew(current),
    };
    if (actions[event.key]) {
      event.preventDefault(); // the key is not typed into the form that `r` opens
      actions[event.key]();
    }
  });

  bind();
  // Live updates connect once the page has loaded: they cost the page's own loading nothing.
  if (document.readyState === 'complete') {
    connectLive();
  } else {
    window.addEventListener('load', connectLive, { once: true });
  }
})();
