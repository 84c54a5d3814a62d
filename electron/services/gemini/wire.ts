/**
 * The generateContent response as Gemini puts it on the wire (camelCase JSON, wire §2). Only the
 * fields Atelier reads are typed; everything else is carried along untouched.
 */
export interface WireInlineData {
  mimeType: string;
  data: string;
}

export interface WirePart {
  text?: string;
  inlineData?: WireInlineData;
  thought?: boolean;
  thoughtSignature?: string;
  [other: string]: unknown;
}

export interface WireContent {
  role: 'user' | 'model';
  parts: WirePart[];
}

export interface WireGrounding {
  searchEntryPoint?: { renderedContent?: string };
  groundingChunks?: Array<{ web?: { uri?: string; title?: string }; image?: { sourceUri?: string; title?: string } }>;
  webSearchQueries?: string[];
  imageSearchQueries?: string[];
}

export interface RawResponse {
  candidates?: Array<{
    content?: { role?: string; parts?: WirePart[] };
    finishReason?: string;
    finishMessage?: string;
    groundingMetadata?: WireGrounding;
  }>;
  promptFeedback?: { blockReason?: string };
  usageMetadata?: {
    promptTokenCount?: number;
    candidatesTokenCount?: number;
    thoughtsTokenCount?: number;
    candidatesTokensDetails?: Array<{ modality?: string; tokenCount?: number }>;
  };
  modelVersion?: string;
}
