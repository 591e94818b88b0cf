// CardView -> HTML for the sandbox chat. Buttons and forms carry their ActionRef as JSON in data
// attributes; the page's script posts them back exactly as a platform callback would.
import type { Block, CardView, FormField } from '../../cards/view.js';
import { escapeHtml as esc, markdownToHtml, textHtml } from './markdown.js';

const attr = (v: unknown) => esc(JSON.stringify(v));

function field(f: FormField, formId: string): string {
  const req = 'required' in f && f.required ? ' data-required="1"' : '';
  switch (f.type) {
    case 'text':
      return `<div class="md">${markdownToHtml(f.markdown)}</div>`;
    case 'rating': {
      const opts = [];
      for (let v = f.min; v <= f.max; v++) {
        opts.push(
          `<label class="rate"><input type="radio" name="${esc(f.id)}" value="${v}"${f.value === v ? ' checked' : ''}><span>${v}</span></label>`,
        );
      }
      const ends =
        f.minLabel || f.maxLabel
          ? `<div class="ends"><span>${esc(f.minLabel ?? '')}</span><span>${esc(f.maxLabel ?? '')}</span></div>`
          : '';
      return `<fieldset class="field" data-field="${esc(f.id)}"${req}><legend>${esc(f.label)}</legend><div class="scale">${opts.join('')}</div>${ends}<div class="ferr"></div></fieldset>`;
    }
    case 'choice': {
      const type = f.multi ? 'checkbox' : 'radio';
      const opts = f.options.map(
        (o) =>
          `<label class="opt"><input type="${type}" name="${esc(f.id)}" value="${esc(o.value)}"${f.selected?.includes(o.value) ? ' checked' : ''}> ${esc(o.label)}</label>`,
      );
      return `<fieldset class="field" data-field="${esc(f.id)}" data-multi="${f.multi ? 1 : 0}"${req}><legend>${esc(f.label)}</legend>${opts.join('')}<div class="ferr"></div></fieldset>`;
    }
    case 'input': {
      const common = `name="${esc(f.id)}" id="${esc(formId)}-${esc(f.id)}" placeholder="${esc(f.placeholder ?? '')}"${f.maxLength ? ` maxlength="${f.maxLength}"` : ''}`;
      const control = f.multiline
        ? `<textarea ${common}>${esc(f.value ?? '')}</textarea>`
        : `<input type="text" ${common} value="${esc(f.value ?? '')}">`;
      return `<div class="field" data-field="${esc(f.id)}"${req}><label for="${esc(formId)}-${esc(f.id)}">${esc(f.label)}</label>${control}<div class="ferr"></div></div>`;
    }
  }
}

function block(b: Block): string {
  switch (b.type) {
    case 'text':
      return `<div class="md">${markdownToHtml(b.markdown)}</div>`;
    case 'fields':
      return `<dl class="fields">${b.fields.map((f) => `<div><dt>${textHtml(f.label)}</dt><dd>${textHtml(f.value)}</dd></div>`).join('')}</dl>`;
    case 'rating':
    case 'choice':
    case 'input':
      return field(b, 'card');
    case 'actions':
      return `<div class="actions">${b.buttons
        .map((btn) =>
          btn.url
            ? `<a class="btn ${btn.style}" href="${esc(btn.url)}" target="_blank" rel="noopener">${esc(btn.label)}</a>`
            : `<button type="button" class="btn ${btn.style}" data-action="${attr(btn.action)}">${esc(btn.label)}</button>`,
        )
        .join('')}</div>`;
    case 'image':
      return `<img class="image" src="${esc(b.url)}" alt="${esc(b.alt)}">`;
    case 'note':
      return `<p class="note">${textHtml(b.text)}</p>`;
    case 'divider':
      return '<hr>';
    case 'form':
      return `<form class="form" data-submit="${attr(b.submit.action)}" novalidate>${b.fields.map((f) => field(f, b.id)).join('')}<button type="submit" class="btn primary">${esc(b.submit.label)}</button></form>`;
  }
}

export function renderCardHtml(card: CardView): string {
  const header = card.header
    ? `<header class="tone-${card.header.tone}"><h3>${textHtml(card.header.title)}</h3>${card.header.subtitle ? `<p>${textHtml(card.header.subtitle)}</p>` : ''}</header>`
    : '';
  return `<article class="card">${header}<div class="body">${card.blocks.map(block).join('')}</div></article>`;
}
