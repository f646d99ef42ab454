// Images in the body: a file dropped, pasted or chosen, or one picked from the media library, is inserted where the
// cursor is, as Markdown the server writes (with the caption and credit given). The alt text is asked for first and
// an empty one refused.
import { insertBlock } from './body-editor.js';
import { antiforgeryToken } from './autosave.js';

export function startImageDialog(form, textarea, editor) {
  const dialog = document.querySelector('dialog.image-dialog');
  if (!dialog) {
    return { open() {} };
  }
  const dialogForm = dialog.querySelector('form');
  const fileInput = dialog.querySelector('#image-file');
  const search = dialog.querySelector('#image-search');
  const list = dialog.querySelector('.image-picker-list');
  const alt = dialog.querySelector('#image-alt');
  const altError = dialog.querySelector('#image-alt-error');
  const caption = dialog.querySelector('#image-caption');
  const credit = dialog.querySelector('#image-credit');
  const chosenName = dialog.querySelector('.image-dialog-file');
  const thumb = Object.assign(document.createElement('img'), { className: 'image-dialog-thumb', alt: '', hidden: true });
  chosenName.before(thumb);
  const error = dialog.querySelector('.image-dialog-error');
  const mediaUrl = textarea.dataset.media;
  const maxBytes = Number(textarea.dataset.maxBytes);
  let chosen = null; // { file } or { id }
  let searchTimer = 0;

  function choose(choice, name, src) {
    chosen = choice;
    chosenName.textContent = name ? `Chosen: ${name}` : '';
    thumb.hidden = !src;
    if (src) {
      thumb.src = src;
    }
    for (const item of list.querySelectorAll('button[aria-pressed]')) {
      item.setAttribute('aria-pressed', String(choice?.id !== undefined && Number(item.dataset.id) === choice.id));
    }
  }

  function chooseFile(file) {
    error.textContent = '';
    if (file.size > maxBytes) {
      error.textContent = textarea.dataset.tooLarge;
      choose(null);
      return;
    }
    choose({ file }, file.name || 'pasted image', '');
    // A data: address, which the site's img-src allows (a blob: one it does not).
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      if (chosen?.file === file) {
        thumb.src = reader.result;
        thumb.hidden = false;
      }
    });
    reader.readAsDataURL(file);
  }

  async function findImages() {
    const response = await fetch(`${mediaUrl}?handler=search&q=${encodeURIComponent(search.value)}`, { credentials: 'same-origin' });
    if (!response.ok) {
      return;
    }
    const images = await response.json();
    list.replaceChildren(...images.map((image) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.id = image.id;
      button.setAttribute('aria-pressed', String(chosen?.id === image.id));
      const img = document.createElement('img');
      img.src = image.thumbnailUrl;
      img.alt = '';
      img.width = 120;
      img.height = image.width ? Math.round(120 * image.height / image.width) : 80;
      const name = document.createElement('span');
      name.textContent = image.alt || image.fileName;
      button.append(img, name);
      button.addEventListener('click', () => {
        choose({ id: image.id }, image.fileName, image.thumbnailUrl);
        if (!alt.value.trim()) {
          alt.value = image.alt;
        }
      });
      item.append(button);
      return item;
    }));
  }

  function open(file) {
    dialogForm.reset();
    error.textContent = '';
    altError.textContent = '';
    choose(null);
    if (file) {
      chooseFile(file);
    }
    dialog.showModal();
    (file ? alt : fileInput).focus();
    findImages();
  }

  fileInput.addEventListener('change', () => {
    if (fileInput.files[0]) {
      chooseFile(fileInput.files[0]);
    }
  });
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(findImages, 300);
  });
  // Enter in the search box finds; it does not insert.
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      findImages();
    }
  });

  dialogForm.addEventListener('submit', async (event) => {
    if (event.submitter?.value === 'cancel') {
      return;
    }
    event.preventDefault();
    altError.textContent = '';
    error.textContent = '';
    if (!chosen) {
      error.textContent = 'Choose an image: upload a file, or pick one from the library.';
      return;
    }
    if (!alt.value.trim()) {
      altError.textContent = 'Describe the image for readers who cannot see it.';
      alt.focus();
      return;
    }
    const data = new FormData();
    if (chosen.file) {
      data.append('Input.File', chosen.file, chosen.file.name || 'pasted-image');
    } else {
      data.append('Input.Id', String(chosen.id));
    }
    data.append('Input.Alt', alt.value.trim());
    data.append('Input.Caption', caption.value.trim());
    data.append('Input.Credit', credit.value.trim());
    data.append('__RequestVerificationToken', antiforgeryToken(form));
    const insertButton = dialogForm.querySelector('button[value="insert"]');
    insertButton.disabled = true;
    error.textContent = chosen.file ? 'Uploading…' : '';
    try {
      const response = await fetch(mediaUrl, { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        error.textContent = answer.detail ?? answer.title ?? 'The image could not be added.';
        return;
      }
      dialog.close('insert');
      insertBlock(editor(), answer.markdown, false);
    } catch {
      error.textContent = 'The server cannot be reached. Try again in a moment.';
    } finally {
      insertButton.disabled = false;
    }
  });

  dialog.addEventListener('close', () => {
    choose(null);
    editor()?.focus();
  });

  return { open };
}
