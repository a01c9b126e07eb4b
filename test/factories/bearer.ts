/** Authorization header for a key. */
export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

export const basic = (key: string, user = 'taxii-client') => ({ Authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}` });
