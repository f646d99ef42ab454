// The newsroom's article editor, on top of the plain form (which keeps working without JavaScript): a CodeMirror 6
// Markdown editor with a toolbar, a live preview rendered by the server as the public page, autosave to a server-side
// draft, the search-result preview, images inserted by drop, paste or the toolbar, and a question before leaving with
// unsaved changes. Built with `npm run build` into wwwroot/js/editor.js.
import { startBodyEditor } from './body-editor.js';
import { startLivePreview } from './live-preview.js';
import { startAutosave } from './autosave.js';
import { startSearchPreview } from './search-preview.js';
import { startImageDialog } from './image-dialog.js';
import { guardUnsavedChanges } from './leave-guard.js';

const form = document.querySelector('form.editor-form');
const textarea = form?.querySelector('textarea[data-preview]');
if (form && textarea) {
  const readOnly = form.dataset.readOnly === 'true';
  const changed = new Set();
  const onChange = (source) => changed.forEach((listener) => listener(source));
  const images = startImageDialog(form, textarea, () => body);
  const body = startBodyEditor(form, textarea, { readOnly, onChange, insertImage: () => images.open(), dropImage: (file) => images.open(file) });
  form.addEventListener('input', (event) => onChange(event.target));
  form.addEventListener('change', (event) => onChange(event.target));

  changed.add(startLivePreview(form, textarea));
  changed.add(startSearchPreview(form));
  if (!readOnly) {
    changed.add(startAutosave(form, textarea));
    changed.add(guardUnsavedChanges(form));
  }
}
