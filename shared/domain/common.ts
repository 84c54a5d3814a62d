/** Small schemas every domain uses. */
import { z } from 'zod';
import { ALL_ASPECT_RATIOS, IMAGE_SIZES, MODEL_TIERS, REFERENCE_KINDS, RESPONSE_MODALITIES, THINKING_LEVELS } from './vocabulary';
import { ERROR_CODES } from '../errors';
import { SERVICE_TIERS } from './serviceTiers';

export const ModelTierSchema = z.enum(MODEL_TIERS);
export const AspectRatioSchema = z.enum(ALL_ASPECT_RATIOS);
export const ImageSizeSchema = z.enum(IMAGE_SIZES);
export const ResponseModalitiesSchema = z.enum(RESPONSE_MODALITIES);
export const ReferenceKindSchema = z.enum(REFERENCE_KINDS);
export const ThinkingLevelSchema = z.enum(THINKING_LEVELS);
export const ServiceTierSchema = z.enum(SERVICE_TIERS);
export const Id = z.string().uuid();
export const ErrorCodeSchema = z.enum(ERROR_CODES);
/**
 * What a Gemini model id looks like. Checked on every route that takes one: an id stored
 * unchecked once made every later `jobs.list` fail.
 */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{1,80}$/;
export const ModelIdSchema = z.string().regex(MODEL_ID_PATTERN, 'Not a model id.');
