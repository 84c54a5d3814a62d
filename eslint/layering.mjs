// One lint rule for the layer graph, in the manner of VS Code's `code-layering`: a table says which
// layer each file belongs to and which layers each layer may import; every relative import
// (type-only ones too: a type loop is still a loop) is resolved and checked against it. A file
// the table does not place is reported as well, so a new folder has to be given a layer.
//
// Folders of one layer may import each other, which a layer table alone cannot keep free of loops
// (generation ↔ references was one). For the layers named in `ordered`, the members are listed
// from the bottom up and a folder imports only itself and the folders listed before it.
//
// A layer named in `rooms` is the opposite: its members are rooms that never import each other
// (the renderer's features: what two of them share moves down to lib/, what combines them goes up
// to app/). The room of a file is the first folder below the member that placed it.
import path from 'node:path';

const EXTENSION = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/**
 * The layer of a repository-relative path (no extension), or null. A member is a file or folder
 * (`electron/services/db`) or a folder's direct children (`electron/*`); the longest match wins,
 * so `electron/atelier` outranks `electron/*`.
 */
export function layerOf(rel, members) {
  return placeOf(rel, members)?.layer ?? null;
}

/** The layer of a path and the position of the member that placed it, or null. */
function placeOf(rel, members) {
  let best = null;
  for (const [layer, patterns] of Object.entries(members)) {
    patterns.forEach((pattern, index) => {
      const matches = pattern.endsWith('/*')
        ? path.posix.dirname(rel) === pattern.slice(0, -2)
        : rel === pattern || rel.startsWith(`${pattern}/`);
      if (matches && (!best || pattern.length > best.pattern.length)) best = { layer, index, pattern };
    });
  }
  return best;
}

/** The first folder (or file) below `pattern` on the way to `rel`: `features/chat` for features/chat/store. */
function roomOf(rel, pattern) {
  const base = pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern;
  const rest = rel.slice(base.length + 1);
  return `${base}/${rest.split('/')[0]}`;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer table: a layer imports itself and the layers it lists, nothing above.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          members: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          ordered: { type: 'array', items: { type: 'string' } },
          rooms: { type: 'array', items: { type: 'string' } },
        },
        required: ['root', 'layers', 'members'],
        additionalProperties: false,
      },
    ],
    messages: {
      bad: "bad layering: {{from}} ({{file}}) may not import {{to}} ({{target}}). {{from}} may import {{allowed}}.",
      outside: "bad layering: {{target}} is outside every layer; {{from}} ({{file}}) may import only {{allowed}}.",
      later: 'bad layering: in {{from}}, {{pattern}} ({{file}}) may not import {{later}} ({{target}}), which is listed after it. Move what both need down, into {{pattern}} or below.',
      room: 'bad layering: {{file}} is in the room {{room}} and may not import {{target}}, in the room {{other}}. Rooms import only themselves and the layers below; move what both need down a layer, or join them a layer up.',
      unplaced: 'bad layering: {{file}} belongs to no layer. Give its folder a place in the layer table (eslint.config.mjs).',
    },
  },
  create(context) {
    const { root, layers, members, ordered = [], rooms = [] } = context.options[0];
    const relative = (abs) => path.relative(root, abs).split(path.sep).join('/').replace(EXTENSION, '');
    const file = relative(context.filename);
    const here = placeOf(file, members);
    const from = here?.layer;
    if (!here) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unplaced', data: { file } });
        },
      };
    }
    const allowed = new Set([from, ...(layers[from] ?? [])]);
    const allowedText = [...allowed].join(', ');

    function check(source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = relative(path.resolve(path.dirname(context.filename), source.value));
      const there = placeOf(target, members);
      const to = there?.layer;
      if (!to) context.report({ node: source, messageId: 'outside', data: { from, file, target, allowed: allowedText } });
      else if (!allowed.has(to)) context.report({ node: source, messageId: 'bad', data: { from, file, to, target, allowed: allowedText } });
      else if (to === from && ordered.includes(from) && there.index > here.index) {
        context.report({ node: source, messageId: 'later', data: { from, file, target, pattern: here.pattern, later: there.pattern } });
      } else if (to === from && rooms.includes(from)) {
        const room = roomOf(file, here.pattern);
        const other = roomOf(target, there.pattern);
        if (room !== other) context.report({ node: source, messageId: 'room', data: { file, target, room, other } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'atelier-layering' }, rules: { layering } };
