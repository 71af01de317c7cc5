import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

describe('config validation', () => {
  it('has embedded defaults on an empty environment', () => {
    const config = loadConfig({}, '/srv/spoor');
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/srv/spoor/data',
      databaseUrl: null,
      s3: null,
      adminPassword: null,
    });
    expect(config.ingest.maxDepth).toBe(3);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /integer from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /integer/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /postgres/],
    [{ S3_ENDPOINT: 'minio.local' }, 'S3_ACCESS_KEY', /set when any of/],
    [
      { S3_ENDPOINT: 'https://minio.local', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', S3_BUCKET: 'spoor' },
      'S3_ENDPOINT',
      /without scheme/,
    ],
    [
      { S3_ENDPOINT: 'minio', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', S3_BUCKET: 'Bad_Bucket' },
      'S3_BUCKET',
      /bucket name/,
    ],
    [
      { S3_ENDPOINT: 'minio', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', S3_BUCKET: 'spoor', S3_USE_SSL: 'maybe' },
      'S3_USE_SSL',
      /true or false/,
    ],
    [{ SPOOR_ADMIN_PASSWORD: 'short' }, 'SPOOR_ADMIN_PASSWORD', /at least 12/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
  ])('rejects %o naming the variable', (env, variable, expected) => {
    try {
      loadConfig(env);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toMatch(expected);
      expect((error as Error).message).toContain(variable);
    }
  });

  it('reads a full production configuration', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/spoor',
      S3_ENDPOINT: 'minio.internal',
      S3_PORT: '9000',
      S3_USE_SSL: 'false',
      S3_ACCESS_KEY: 'ak',
      S3_SECRET_KEY: 'sk',
      S3_BUCKET: 'spoor-evidence',
      PORT: '3000',
      SPOOR_DATA_DIR: '/var/lib/spoor',
    });
    expect(config.s3).toEqual({
      endPoint: 'minio.internal',
      port: 9000,
      useSSL: false,
      accessKey: 'ak',
      secretKey: 'sk',
      bucket: 'spoor-evidence',
    });
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/var/lib/spoor');
  });

  it('puts the folder store in the data directory unless SPOOR_OBJECTS_DIR says otherwise, and checks paused ingests', () => {
    expect(loadConfig({ SPOOR_DATA_DIR: '/var/lib/spoor' }, '/srv').objectsDir).toBe('/var/lib/spoor/objects');
    expect(loadConfig({}, '/srv').objectsDir).toBe('/srv/data/objects');
    expect(loadConfig({ SPOOR_OBJECTS_DIR: 'big/objects' }, '/srv').objectsDir).toBe('/srv/big/objects');
    expect(loadConfig({}).resume).toEqual({ checkSeconds: 30, minFreeBytes: 1024 ** 3 });
    expect(() => loadConfig({ SPOOR_RESUME_CHECK_SECONDS: '0' })).toThrow(/SPOOR_RESUME_CHECK_SECONDS/);
  });
});
