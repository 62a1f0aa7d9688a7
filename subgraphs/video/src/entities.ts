import { AuditRecord } from '@qurbani/kit';
import { eventEntities } from '@qurbani/events';
import { SacrificeAccess } from './access/sacrifice-access.entity.js';
import { PartialUpload } from './upload/partial-upload.entity.js';
import { ReviewDecision } from './video/review-decision.entity.js';
import { Video } from './video/video.entity.js';

export const entities = [AuditRecord, SacrificeAccess, Video, ReviewDecision, PartialUpload, ...eventEntities];
