// Embeds (Gazette.Core/Embeds): each is a card with a link to the original; this shows its button, and only when a
// reader presses it puts the provider's frame in the card's place. Until then the page asks the provider for nothing.
// The frame's address is the one the server wrote; the page's CSP frame-src allows exactly those hosts.
(() => {
  'use strict';

  for (const button of document.querySelectorAll('.embed .embed-load[data-embed-src]')) {
    const card = button.closest('.embed');
    button.hidden = false;
    card.querySelector('.embed-note')?.removeAttribute('hidden');
    button.addEventListener('click', () => {
      const frame = document.createElement('iframe');
      frame.src = button.dataset.embedSrc;
      frame.title = button.dataset.embedTitle || 'Embedded content';
      frame.className = 'embed-frame';
      frame.allow = 'autoplay; encrypted-media; fullscreen; picture-in-picture';
      frame.allowFullscreen = true;
      frame.referrerPolicy = 'strict-origin-when-cross-origin';
      frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-presentation');
      card.replaceChildren(frame);
      card.classList.add('embed-loaded');
      frame.focus();
    }, { once: true });
  }
})();
