import { expect } from '@open-wc/testing';
import { fitsInQrCode, qrPath, QUIET_ZONE } from '../src/qr-matrix.js';

describe('QR matrix', () => {
  it('draws each run of dark modules as one rectangle, offset by the quiet zone', () => {
    // 1 1 0
    // 0 0 0
    // 1 0 1
    const path = qrPath({ size: 3, data: [1, 1, 0, 0, 0, 0, 1, 0, 1] });
    const q = QUIET_ZONE;
    expect(path).to.equal(`M${q} ${q}h2v1h-2zM${q} ${q + 2}h1v1h-1zM${q + 2} ${q + 2}h1v1h-1z`);
  });

  it('draws nothing for an all-light matrix', () => {
    expect(qrPath({ size: 2, data: [0, 0, 0, 0] })).to.equal('');
  });

  it('knows the capacity of each error correction level, in UTF-8 bytes', () => {
    expect(fitsInQrCode('a'.repeat(2953), 'L')).to.equal(true);
    expect(fitsInQrCode('a'.repeat(2954), 'L')).to.equal(false);
    expect(fitsInQrCode('a'.repeat(1274), 'H')).to.equal(false);
    expect(fitsInQrCode('站'.repeat(777), 'M'), '3 bytes each').to.equal(true);
    expect(fitsInQrCode('站'.repeat(778), 'M')).to.equal(false);
  });
});
