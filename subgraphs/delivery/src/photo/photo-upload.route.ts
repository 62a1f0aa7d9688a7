import type { MikroORM } from '@mikro-orm/postgresql';
import { DELIVERY_PHOTOS_PATH, gatewayOnly, gatewayOrigin, hasRole, newId, Role, sendError } from '@qurbani/kit';
import type { ObjectStore } from '@qurbani/storage';
import busboy from 'busboy';
import type { Express, Request, Response } from 'express';
import { Delivery, DeliveryStatus } from '../delivery/delivery.entity.js';
import { drivenBy } from '../delivery/delivery.policy.js';
import { DeliveryPhoto } from './delivery-photo.entity.js';
import { PhotoInspector, PhotoRefused, tooLarge } from './photo-inspector.js';

/** Room for the multipart framing around the file. */
const FRAMING = 16 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PhotoUploadOptions {
  orm: MikroORM;
  internalSecret: string;
  store: ObjectStore;
  maxBytes: number;
  now: () => Date;
}

/**
 * `POST /uploads/delivery-photos/<deliveryId>` (multipart, one file field `photo`; through the
 * gateway): the driver of a delivery that is out for delivery sends the handover photo. It streams
 * into the object store through `PhotoInspector` (JPEG or PNG by its bytes, complete, under
 * `maxBytes`); only then is a `delivery_photo` row written and its id answered, for
 * `confirmDelivery(photoId)`. A refused upload leaves no object and no row.
 */
export function photoUploadRoute(options: PhotoUploadOptions) {
  return (app: Express): void => {
    app.post(`${DELIVERY_PHOTOS_PATH}/:deliveryId`, gatewayOnly(options.internalSecret), async (req, res) => {
      const viewer = gatewayOrigin(req).viewer;
      if (!viewer || !hasRole(viewer, Role.DRIVER))
        return refuse(res, 403, 'FORBIDDEN', "Only the delivery's driver may send its proof photo.");
      const asked = String(req.params.deliveryId);
      const id = UUID.test(asked) ? asked.toLowerCase() : null;
      const em = options.orm.em.fork();
      const delivery = id ? await em.findOne(Delivery, { $and: [{ id }, drivenBy(viewer.id)] }) : null;
      if (!delivery) return refuse(res, 404, 'NOT_FOUND', `Delivery ${asked} was not found.`);
      if (delivery.status !== DeliveryStatus.OUT_FOR_DELIVERY)
        return refuse(res, 409, 'CONFLICT', `A delivery that is ${delivery.status} takes no proof photo.`);
      if (!req.is('multipart/form-data'))
        return refuse(res, 400, 'BAD_USER_INPUT', 'Send the photo as multipart/form-data in a field named "photo".');
      if (Number(req.headers['content-length'] ?? 0) > options.maxBytes + FRAMING)
        return refuse(res, 413, 'BAD_USER_INPUT', tooLarge(options.maxBytes).message);
      try {
        const photo = await receive(req, options, delivery.id);
        await em.insert(DeliveryPhoto, { ...photo, driverId: viewer.id, uploadedAt: options.now() });
        res.status(201).json({ photoId: photo.id, contentType: photo.contentType, sizeBytes: photo.sizeBytes });
      } catch (error) {
        if (error instanceof PhotoRefused) return refuse(res, error.status, 'BAD_USER_INPUT', error.message);
        console.error('delivery photo upload failed', error);
        if (!res.headersSent)
          refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'The photo could not be stored; send it again.');
      }
    });
  };
}

/** A refusal sent before the body was read closes the connection: the rest of the body is not wanted. */
function refuse(res: Response, status: number, code: string, message: string): void {
  if (!res.req.complete) res.setHeader('connection', 'close');
  sendError(res, status, code, message);
}

type Received = Pick<DeliveryPhoto, 'id' | 'deliveryId' | 'storageKey' | 'contentType' | 'sizeBytes' | 'sha256'>;

/** Reads the one `photo` part into the store; rejects with `PhotoRefused` for anything else. */
function receive(req: Request, options: PhotoUploadOptions, deliveryId: string): Promise<Received> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 0, parts: 1, fileSize: options.maxBytes } });
    } catch {
      return reject(new PhotoRefused(400, 'The multipart body could not be read.'));
    }
    let stored: Promise<Received> | null = null;
    parser.on('file', (field, file) => {
      if (field !== 'photo') {
        file.resume();
        return;
      }
      const inspector = new PhotoInspector(options.maxBytes);
      // busboy stops at the limit and says so: the file was larger than allowed.
      file.on('limit', () => inspector.destroy(tooLarge(options.maxBytes)));
      // Listened to at once: the store opens its file before it reads, and a refusal can come first.
      inspector.once('error', () => {
        file.unpipe(inspector);
        file.resume();
      });
      file.pipe(inspector);
      const id = newId();
      // The row says the type; the key needs none (photos are not served from the store by name).
      const storageKey = `delivery-photos/${deliveryId}/${id}`;
      stored = options.store.put(storageKey, inspector).then(() => ({
        id,
        deliveryId,
        storageKey,
        contentType: inspector.type!,
        sizeBytes: inspector.size,
        sha256: inspector.sha256,
      }));
      // A refusal answers at once: the rest of the body is not read (the answer closes the connection).
      stored.catch((error: unknown) => {
        req.unpipe(parser);
        reject(inspector.errored instanceof PhotoRefused ? inspector.errored : error);
      });
    });
    parser.on('error', () => reject(new PhotoRefused(400, 'The multipart body could not be read.')));
    parser.on('close', () => {
      if (!stored) return reject(new PhotoRefused(400, 'No photo: send the file in a field named "photo".'));
      stored.then(resolve, reject);
    });
    req.pipe(parser);
  });
}
