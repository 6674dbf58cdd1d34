import jsQR from 'jsqr';
import type { AppContext } from '../context';
import { h, show } from '../dom';

/**
 * The camera, read until it shows a shop's QR code: a code holding this app's
 * shop URL opens that shop; any other code is named and ignored.
 */
export async function scanPage(root: HTMLElement, app: AppContext): Promise<void> {
  const video = h('video', { playsinline: true, muted: true, class: 'camera' });
  const status = h('p', { role: 'status' }, 'Point the camera at the QR code shown in the shop.');
  show(root, h('h2', {}, 'Scan the shop’s QR code'), video, status);
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (error) {
    show(status, `The camera could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  let stopped = false;
  const stop = () => {
    stopped = true;
    stream.getTracks().forEach((track) => track.stop());
  };
  app.onLeave(stop);
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot read camera frames');
  const appBase = `${location.origin}${location.pathname}`;
  const look = () => {
    if (stopped) return;
    if (video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const code = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
      if (code?.data.startsWith(`${appBase}#/shop/`)) {
        stop();
        app.navigate(code.data.slice(appBase.length));
        return;
      }
      if (code) show(status, `This QR code is not a shop's: ${code.data}`);
    }
    setTimeout(look, 200);
  };
  look();
}
