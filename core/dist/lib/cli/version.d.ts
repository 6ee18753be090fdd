/** The shiplog version `shiplog --version` prints; a test keeps it equal to core/package.json's version. */
export declare const SHIPLOG_VERSION = "0.1.0";
