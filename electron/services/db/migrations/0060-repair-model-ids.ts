import type { Migration } from '../types';

// Frozen copies of shared/domain/common.ts's MODEL_ID_PATTERN and shared/models.ts's fallback
// models as they stood when this repair was frozen (December 2026): a migration must do the same
// thing whenever it runs, so later changes to those tables must not reach it.
const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{1,80}$/;
const FALLBACK_MODEL_FOR_TIER: Readonly<Record<string, string>> = {
  flash: 'gemini-nano-banana-2.1',
  pro: 'gemini-3-pro-image',
  lite: 'gemini-3.1-flash-lite-image',
};

const UNFINISHED = new Set(['queued', 'running', 'paused']);

/**
 * Before 0060 `chat.create` and `batch.submit` stored any string the window sent as a model id,
 * and one such row made every later `jobs.list` fail, across restarts. This repairs rows that are
 * already bad: a conversation moves to its tier's built-in model; a job loses the bad id and, if it
 * had not finished, fails with a message that says why (it could never have run). Only bad ids
 * are touched, so running it again over a repaired database (see db.ts) changes nothing.
 */
export const m0060RepairModelIds: Migration = {
  version: 60,
  name: 'repair invalid model ids',
  up(db) {
    const bad = (id: unknown) => typeof id === 'string' && !MODEL_ID_PATTERN.test(id);

    const conversations = db.prepare('SELECT id, tier, model_id FROM conversations').all() as Array<{ id: string; tier: string; model_id: string }>;
    const setConversationModel = db.prepare('UPDATE conversations SET model_id = ? WHERE id = ?');
    for (const c of conversations) {
      if (bad(c.model_id)) setConversationModel.run(FALLBACK_MODEL_FOR_TIER[c.tier] ?? FALLBACK_MODEL_FOR_TIER.flash!, c.id);
    }

    const jobs = db
      .prepare("SELECT id, state, model_id AS modelId, json_extract(request_json, '$.modelId') AS requested FROM jobs")
      .all() as Array<{ id: string; state: string; modelId: string | null; requested: unknown }>;
    const repairRequest = db.prepare("UPDATE jobs SET request_json = json_remove(request_json, '$.modelId'), model_id = NULL WHERE id = ?");
    const failJob = db.prepare(
      "UPDATE jobs SET state = 'failed', error_code = 'bad_input', error_message = ?, wait_reason = NULL, next_attempt_at = NULL, finished_at = coalesce(finished_at, created_at) WHERE id = ?",
    );
    for (const j of jobs) {
      if (!bad(j.modelId) && !bad(j.requested)) continue;
      repairRequest.run(j.id);
      if (UNFINISHED.has(j.state)) failJob.run('This job was stored with a model id that is not valid, so it could not run. Start it again.', j.id);
    }
  },
};
