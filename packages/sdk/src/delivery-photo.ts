import { QurbaniApiError, type ApiError } from './client.js';

/** A stored proof-of-delivery photo: pass `photoId` to `ConfirmDeliveryDocument`. */
export interface UploadedDeliveryPhoto {
  photoId: string;
  contentType: 'image/jpeg' | 'image/png';
  sizeBytes: number;
}

/**
 * Sends a driver's proof-of-delivery photo (`POST /uploads/delivery-photos/<deliveryId>`, multipart,
 * field `photo`) for a delivery that is out for delivery. `url` is the gateway's /graphql URL (or its
 * origin). The server judges the file by its bytes (a complete JPEG or PNG, 10 MiB at most by
 * default); a refusal throws `QurbaniApiError` with the server's message (status 400, 413 or 415).
 */
export async function uploadDeliveryPhoto(
  url: string,
  accessToken: string,
  deliveryId: string,
  photo: Blob | Uint8Array,
  fileName = 'proof.jpg',
): Promise<UploadedDeliveryPhoto> {
  const form = new FormData();
  form.append('photo', photo instanceof Blob ? photo : new Blob([photo as Uint8Array<ArrayBuffer>]), fileName);
  const response = await fetch(new URL(`/uploads/delivery-photos/${deliveryId}`, url), {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  const body = (await response.json().catch(() => ({}))) as { errors?: ApiError[] } & Partial<UploadedDeliveryPhoto>;
  if (!response.ok) throw new QurbaniApiError(body.errors ?? [{ message: `HTTP ${response.status}` }], response.status);
  return body as UploadedDeliveryPhoto;
}
