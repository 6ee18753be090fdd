export declare function isSecretName(name: string): boolean;
export declare function isSettingValue(value: string | undefined): boolean;
