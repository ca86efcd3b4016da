/** ico-endec ships no types: the functions used here (src/identity/icons.ts). A CommonJS module: imported whole. */
declare module 'ico-endec' {
  const icoEndec: {
    /** An ICO file holding each given PNG (or BMP) picture. */
    encode(images: Array<Buffer | ArrayBuffer>): Buffer;
    decode(data: Buffer | ArrayBuffer): Array<{ width: number; height: number; imageType: string; imageData: Buffer }>;
  };
  export default icoEndec;
}
