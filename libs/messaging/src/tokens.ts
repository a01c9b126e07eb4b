/** The process's Redis command connection (ioredis), provided by MessagingModule. */
export const REDIS = Symbol('REDIS');
