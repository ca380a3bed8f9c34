// The live editor's building blocks (bundled into ogp-client.js). The commitment page assembles them
// in wwwroot/js/drafting/live-texts.js, where the translated labels live.
export { DocumentClient, splitOp, transformPosition, refusalMessage, isTransientRefusal, OP_LIMITS } from './document-client.js';
export { LiveSession, newClientId } from './live-session.js';
export { TextareaBinding } from './textarea-binding.js';
export { RemoteCursorOverlay, personColour, PERSON_COLOURS } from './remote-cursors.js';
export { renderMarkdown, renderInline, safeHref } from './markdown.js';
export { diffEdit, opFromTo } from './text-diff.js';
export { codePointCount, toCodePoints, toUtf16, toUtf16Many, isWellFormed, toWellFormed } from './unicode.js';
