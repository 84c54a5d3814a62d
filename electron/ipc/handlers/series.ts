import type { DomainHandlers, HandlerDeps } from './deps';

export function seriesHandlers(d: HandlerDeps): DomainHandlers<'series'> {
  return {
    'series.list': () => ({ series: d.series.list() }),
    'series.get': ({ id }) => d.series.get(id),
    'series.save': (draft) => d.series.save(draft),
    'series.delete': ({ id }) => ({ deleted: d.series.delete(id) }),
    'series.generate': async ({ id }) => {
      await d.secrets.requireKey();
      return d.series.generate(id);
    },
    'series.reroll': async ({ id, panel }) => {
      await d.secrets.requireKey();
      return d.series.reroll(id, panel);
    },
    'series.export': async ({ id }) => {
      d.series.get(id);
      const folder = await d.desktop.chooseFolder('export');
      if (!folder) return { folder: null, written: [], sheet: null };
      return { folder, ...(await d.series.exportTo(id, folder)) };
    },
  };
}
