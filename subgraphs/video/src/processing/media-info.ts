/** What the probe found in an original, kept on the video for staff and the renditions step. */
export interface MediaInfo {
  /** Displayed size, after the phone's rotation flag is applied. */
  readonly width: number;
  readonly height: number;
  readonly durationSeconds: number;
  readonly videoCodec: string;
  readonly audioCodec: string;
  readonly container: string;
  /** Short sides (p) of the HLS rungs made for the original and the blurred copy. */
  readonly ladder?: readonly number[];
  readonly blurredLadder?: readonly number[];
}
