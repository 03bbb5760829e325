export declare const ACCOUNT_PAGE_INPUTS: string[];
export declare function accountCacheDir(dir: string): string;
