import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/**
 * A camera feed for Chromium's fake capture device: a .y4m file whose frames
 * show `text` as a QR code, black on white, in the middle of a 640×480 picture
 * (Y4M: a text header, then per frame the luma plane and two quarter-size
 * chroma planes, 4:2:0).
 */
export function writeQrVideo(file: string, text: string, frames = 10): void {
  const width = 640;
  const height = 480;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quietZone = 4;
  const scale = Math.floor(Math.min(width, height) / (modules.size + 2 * quietZone));
  const side = (modules.size + 2 * quietZone) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor(y / scale) - quietZone;
      const column = Math.floor(x / scale) - quietZone;
      const dark = row >= 0 && column >= 0 && row < modules.size && column < modules.size && Boolean(modules.get(row, column));
      if (dark) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
