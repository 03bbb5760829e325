export declare function siteCacheRoot(): string;
export declare function siteCacheDir(dir: string): string;
export declare function pruneSiteCaches(keep: string): void;
export declare function ensureSiteData(dir: string): string;
export declare function emitSiteFile(name: string, family?: string): void;
