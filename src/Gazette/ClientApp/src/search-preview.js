// How the headline, excerpt and address will look in a search result and in a link preview, with their lengths
// counted against Google's limits: a title is cut at about 580 pixels of 20px Arial (some 60 characters), a
// description at about 160 characters.
export const TITLE_CHARS = 60;
export const TITLE_PIXELS = 580;
export const DESCRIPTION_CHARS = 160;

const canvas = document.createElement('canvas').getContext('2d');

export function titleWidth(text) {
  if (!canvas) {
    return 0;
  }
  canvas.font = '20px Arial, sans-serif';
  return Math.round(canvas.measureText(text).width);
}

/** Roughly the address the server makes from the title (Gazette.Core.Text.Slug): lower case, accents off, dashes. */
export function slugOf(title) {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

function cut(text, fits) {
  if (fits(text)) {
    return text;
  }
  let end = text.length;
  while (end > 0 && !fits(`${text.slice(0, end).trimEnd()} …`)) {
    end--;
  }
  return `${text.slice(0, end).trimEnd()} …`;
}

export function startSearchPreview(form) {
  const box = form.querySelector('.search-preview');
  if (!box) {
    return () => {};
  }
  box.hidden = false;
  const value = (name) => (form.elements.namedItem(name)?.value ?? '').trim();
  const part = (selector) => box.querySelector(selector);
  const base = new URL(box.dataset.baseUrl);

  function update() {
    const headline = value('Input.Title');
    const slug = value('Input.Slug') || slugOf(headline);
    const excerpt = value('Input.Excerpt').replace(/\s+/g, ' ');
    const title = headline ? `${headline} – ${box.dataset.siteName}` : box.dataset.siteName;
    const pixels = titleWidth(title);

    part('.serp-url').textContent = `${base.host} › articles › ${slug || '…'}`;
    part('.serp-title').textContent = cut(title, (t) => titleWidth(t) <= TITLE_PIXELS);
    part('.serp-description').textContent = excerpt
      ? cut(excerpt, (t) => t.length <= DESCRIPTION_CHARS)
      : 'No excerpt: search engines will pick a sentence of their own.';
    part('.link-card-host').textContent = base.host;
    part('.link-card-title').textContent = headline || 'Untitled';
    part('.link-card-description').textContent = excerpt;

    const titleCount = part('.count-title');
    titleCount.textContent = `Title: ${title.length} of ${TITLE_CHARS} characters, ${pixels} of ${TITLE_PIXELS} pixels`
      + (pixels > TITLE_PIXELS ? ' — cut in results' : '');
    titleCount.classList.toggle('over', pixels > TITLE_PIXELS || title.length > TITLE_CHARS);
    const descriptionCount = part('.count-description');
    descriptionCount.textContent = `Excerpt: ${excerpt.length} of ${DESCRIPTION_CHARS} characters`
      + (excerpt.length > DESCRIPTION_CHARS ? ' — cut in results' : '');
    descriptionCount.classList.toggle('over', excerpt.length > DESCRIPTION_CHARS);
  }

  update();
  return (source) => {
    if (!source || ['Input.Title', 'Input.Slug', 'Input.Excerpt'].includes(source.name)) {
      update();
    }
  };
}
