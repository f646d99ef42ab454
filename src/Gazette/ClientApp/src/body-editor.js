import { EditorView, keymap, drawSelection, placeholder } from '@codemirror/view';
import { EditorState, EditorSelection } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting, HighlightStyle, Language, defineLanguageFacet } from '@codemirror/language';
import { parser, GFM } from '@lezer/markdown';
import { tags } from '@lezer/highlight';

// Markdown as the site renders it (with tables and strikethrough), straight from the Lezer parser: @codemirror/lang-markdown
// would bring HTML, CSS and JavaScript parsing along for code blocks, three times the bundle.
const markdownLanguage = new Language(defineLanguageFacet({ commentTokens: { block: { open: '<!--', close: '-->' } } }), parser.configure(GFM), [], 'markdown');

// Weight and style only, no colours of its own: the page's text colour keeps its contrast in both schemes.
const markdownStyle = HighlightStyle.define([
  { tag: tags.heading, fontWeight: 'bold' },
  { tag: tags.strong, fontWeight: 'bold' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.link, textDecoration: 'underline' },
  { tag: tags.url, textDecoration: 'underline' },
  { tag: tags.quote, fontStyle: 'italic' },
  { tag: tags.monospace, fontFamily: 'var(--font-mono)' },
]);

const theme = EditorView.theme({
  '&': { border: '1px solid var(--rule-strong)', borderRadius: '6px', background: 'var(--bg)', color: 'var(--text)' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '1px' },
  // The editor grows with the text (the page scrolls, the toolbar stays on top): no scrolling region of its own, which
  // keyboard users could not reach as such (axe: scrollable-region-focusable, on a long article).
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55', minHeight: '22rem' },
  '.cm-content': { padding: '0.6rem 0.75rem', caretColor: 'var(--text)' },
  '.cm-line': { padding: '0' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { background: 'var(--target)' },
});

/** Wraps each selection in a marker (** or _), or takes it off when it is already there. */
function wrap(marker) {
  return (view) => {
    view.dispatch(view.state.changeByRange((range) => {
      const { state } = view;
      const before = state.sliceDoc(range.from - marker.length, range.from);
      const after = state.sliceDoc(range.to, range.to + marker.length);
      if (before === marker && after === marker) {
        return {
          changes: [{ from: range.from - marker.length, to: range.from }, { from: range.to, to: range.to + marker.length }],
          range: EditorSelection.range(range.from - marker.length, range.to - marker.length),
        };
      }
      return {
        changes: [{ from: range.from, insert: marker }, { from: range.to, insert: marker }],
        range: EditorSelection.range(range.from + marker.length, range.to + marker.length),
      };
    }));
    view.focus();
    return true;
  };
}

/** Starts each line of the selection with a prefix ("## ", "> ", "- "), or takes it off when all have it. */
function linePrefix(prefix, replaces) {
  return (view) => {
    const { state } = view;
    const lines = new Set();
    for (const range of state.selection.ranges) {
      for (let n = state.doc.lineAt(range.from).number; n <= state.doc.lineAt(range.to).number; n++) {
        lines.add(n);
      }
    }
    const all = [...lines].map((n) => state.doc.line(n));
    const remove = all.every((line) => line.text.startsWith(prefix));
    const changes = all.map((line) => {
      if (remove) {
        return { from: line.from, to: line.from + prefix.length };
      }
      const existing = replaces ? line.text.match(replaces)?.[0] ?? '' : '';
      return { from: line.from, to: line.from + existing.length, insert: prefix };
    });
    const changeSet = state.changes(changes);
    // Cursors move past what was inserted where they stand, so typing goes after the new prefix.
    view.dispatch({ changes: changeSet, selection: state.selection.map(changeSet, 1) });
    view.focus();
    return true;
  };
}

function link(view) {
  view.dispatch(view.state.changeByRange((range) => {
    const text = view.state.sliceDoc(range.from, range.to);
    if (/^https?:\/\/\S+$/.test(text)) {
      const insert = `[](${text})`;
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + 1) };
    }
    const label = text || 'link text';
    const insert = `[${label}](https://)`;
    const urlAt = range.from + label.length + 3;
    return {
      changes: { from: range.from, to: range.to, insert },
      range: text ? EditorSelection.range(urlAt, urlAt + 'https://'.length) : EditorSelection.range(range.from + 1, range.from + 1 + label.length),
    };
  }));
  view.focus();
  return true;
}

/** Text placed alone in its own paragraph at the cursor: a blank line before and after, as Markdown needs. */
export function insertBlock(view, text, selectInside) {
  const { state } = view;
  const range = state.selection.main;
  const before = state.sliceDoc(Math.max(0, range.from - 2), range.from);
  const after = state.sliceDoc(range.to, range.to + 2);
  const lead = range.from === 0 || before === '\n\n' ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const atEnd = range.to === state.doc.length;
  const trail = atEnd || after === '\n\n' ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const start = range.from + lead.length;
  view.dispatch({
    changes: { from: range.from, to: range.to, insert: lead + text + trail },
    selection: selectInside ? EditorSelection.range(start, start + text.length) : EditorSelection.cursor(start + text.length + trail.length),
    scrollIntoView: true,
  });
  view.focus();
}

/** An embed is a web address alone on a line: the selection's, or one to type over. */
function embed(view) {
  const selected = view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to).trim();
  insertBlock(view, selected || 'https://', !selected);
  return true;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const shortcutLabel = (key) => key.replace('Mod', isMac ? '⌘' : 'Ctrl').replace('Alt', isMac ? '⌥' : 'Alt').replace(/-/g, '+');

/**
 * The Markdown editor in place of the body's textarea, which stays in the form (hidden) and always holds the text:
 * the form saves exactly as without JavaScript.
 */
export function startBodyEditor(form, textarea, { readOnly, onChange, insertImage, dropImage }) {
  const tools = [
    { name: 'Bold', key: 'Mod-b', text: 'B', run: wrap('**') },
    { name: 'Italic', key: 'Mod-i', text: 'I', run: wrap('_') },
    { name: 'Heading', key: 'Mod-Alt-2', text: 'H', run: linePrefix('## ', /^#{1,6} /) },
    { name: 'Link', key: 'Mod-k', text: 'Link', run: link },
    { name: 'Quote', key: 'Mod-Shift-.', text: '“ ”', run: linePrefix('> ') },
    { name: 'List', key: 'Mod-Shift-8', text: '• List', run: linePrefix('- ') },
    { name: 'Image', key: 'Mod-Shift-i', text: 'Image', run: () => { insertImage(); return true; } },
    { name: 'Embed', key: 'Mod-Shift-e', text: 'Embed', run: embed },
  ];

  const label = form.querySelector('label[for="Input_Body"]');
  const toolbar = document.createElement('div');
  toolbar.className = 'editor-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  toolbar.setAttribute('aria-controls', 'body-editor');
  const host = document.createElement('div');
  host.className = 'body-editor';

  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        EditorView.cspNonce.of(textarea.dataset.styleNonce ?? ''),
        history(),
        drawSelection(),
        EditorView.lineWrapping,
        markdownLanguage,
        syntaxHighlighting(markdownStyle),
        theme,
        placeholder('Write the story…'),
        keymap.of([...tools.map((tool) => ({ key: tool.key, run: tool.run, preventDefault: true })), ...historyKeymap, ...defaultKeymap]),
        EditorState.readOnly.of(readOnly),
        EditorView.editable.of(!readOnly),
        EditorView.contentAttributes.of({
          id: 'body-editor',
          'aria-labelledby': label?.id ?? '',
          'aria-describedby': textarea.getAttribute('aria-describedby') ?? '',
          spellcheck: 'true',
          autocorrect: 'on',
          autocapitalize: 'sentences',
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            textarea.value = update.state.doc.toString();
            onChange(textarea);
          }
        }),
        EditorView.domEventHandlers({
          paste: (event) => imageFrom(event.clipboardData, event, dropImage),
          drop: (event, editor) => {
            const at = editor.posAtCoords({ x: event.clientX, y: event.clientY });
            if (at !== null && hasImage(event.dataTransfer)) {
              editor.dispatch({ selection: EditorSelection.cursor(at) });
            }
            return imageFrom(event.dataTransfer, event, dropImage);
          },
        }),
      ],
    }),
  });

  for (const tool of tools) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `tool tool-${tool.name.toLowerCase()}`;
    button.textContent = tool.text;
    button.setAttribute('aria-label', tool.name);
    button.title = `${tool.name} (${shortcutLabel(tool.key)})`;
    button.setAttribute('aria-keyshortcuts', tool.key.replace('Mod', isMac ? 'Meta' : 'Control'));
    button.disabled = readOnly;
    // The editor keeps its selection: the button does not take the focus from it.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => tool.run(view));
    toolbar.append(button);
  }

  // The label now names the editor; the hidden textarea is only the form's copy of its text.
  label?.removeAttribute('for');
  label?.addEventListener('click', () => view.focus());
  textarea.hidden = true;
  textarea.setAttribute('aria-hidden', 'true');
  textarea.tabIndex = -1;
  textarea.after(toolbar, host);
  form.addEventListener('submit', () => { textarea.value = view.state.doc.toString(); });
  return view;
}

function hasImage(data) {
  return Boolean(data) && [...data.items ?? []].some((item) => item.kind === 'file' && item.type.startsWith('image/'));
}

function imageFrom(data, event, dropImage) {
  const file = [...data?.files ?? []].find((f) => f.type.startsWith('image/'));
  if (!file) {
    return false;
  }
  event.preventDefault();
  dropImage(file);
  return true;
}
