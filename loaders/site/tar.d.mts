export declare function tarHeader(name: string, size: number): Buffer;
export declare function tarPadding(size: number): Buffer;
export declare function tarEnd(): Buffer;
export declare function tarArchive(files: {name: string; data: Buffer | string}[]): Buffer;
