// Leaving the article form with changes not saved asks first; saving (submitting the form) does not.
export function guardUnsavedChanges(form) {
  let dirty = form.dataset.restored === 'true';
  window.addEventListener('beforeunload', (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
  form.addEventListener('submit', (event) => {
    // The preview button opens a new tab and saves nothing: the form stays unsaved.
    if (!event.submitter?.hasAttribute('formtarget')) {
      dirty = false;
    }
  });
  return (source) => {
    if (source?.form === form) {
      dirty = true;
    }
  };
}
