// The article editor: an image over the upload limit is refused as soon as it is chosen, in the server's own words,
// instead of after minutes of uploading (or a connection the server closes on a body over its limit). The file is
// taken off the form so that the rest can still be saved. Without this script the server refuses it beside the field.
(() => {
  'use strict';

  for (const input of document.querySelectorAll('input[type=file][data-max-bytes]')) {
    const error = input.closest('.field')?.querySelector('.field-error');
    input.addEventListener('change', () => {
      const file = input.files[0];
      const tooLarge = Boolean(file) && file.size > Number(input.dataset.maxBytes);
      if (error) {
        error.textContent = tooLarge ? input.dataset.tooLarge : '';
      }
      if (tooLarge) {
        input.value = '';
        input.focus();
      }
    });
  }
})();
