// The srcset grammar lives in shared/srcset.ts: the sanitizer in both processes reads it too.
export { parseSrcset, serializeSrcset, type SrcsetCandidate } from '../../shared/srcset';
