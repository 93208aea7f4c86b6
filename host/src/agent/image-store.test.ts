import { describe, expect, it } from 'vitest';
import { ImageStore } from './image-store.js';

describe('ImageStore', () => {
  it('numbers images and resolves handles anywhere in arguments', () => {
    const store = new ImageStore();
    const first = store.add(Buffer.from('one'), 'image/png', 'user');
    const second = store.add(Buffer.from('two'), 'image/jpeg', 'crop');
    expect([first.handle, second.handle]).toEqual(['image_1', 'image_2']);
    const resolved = store.resolve({
      image: 'image_1',
      masks: [{ mask: 'image_2', opacity: 0.5 }],
      label: 'image',
      text: 'A cat, 2/3 of the frame',
      labels: ['cat', 'dog'],
    });
    expect(resolved).toEqual({
      text: 'A cat, 2/3 of the frame',
      labels: ['cat', 'dog'],
      image: `data:image/png;base64,${Buffer.from('one').toString('base64')}`,
      masks: [{ mask: `data:image/jpeg;base64,${Buffer.from('two').toString('base64')}`, opacity: 0.5 }],
      label: 'image',
    });
  });

  it('refuses an unknown handle, naming the ones it has', () => {
    const store = new ImageStore();
    store.add(Buffer.from('x'), 'image/png', 'user');
    expect(() => store.resolve({ image: 'image_7' })).toThrow(
      'there is no image_7 in this conversation (images: image_1)',
    );
  });

  it.each([
    ['a path', { image: '/etc/passwd' }],
    ['a file URI', { image: 'file:///home/user/photo.png' }],
    ['a URL', { source_image: 'http://169.254.169.254/latest/meta-data/' }],
    ['a data URI', { image: 'data:image/png;base64,AAAA' }],
    ['a path in a nested mask', { masks: [{ mask: '../secret.png' }] }],
    ['a path under any other name', { photo: '/etc/passwd' }],
    ['a URL in a list of any name', { images: ['https://example.com/a.png'] }],
    ['a file URI under any name', { picture: 'file:///root/.ssh/id_rsa' }],
    ['a home path', { source: '~/secret.png' }],
    ['a climbing relative path', { input: 'photos/../../etc/hostname' }],
    ['a relative image file', { input: 'holiday/beach.JPG' }],
    ['a Windows path', { input: 'C:\\Users\\a\\photo.png' }],
  ])('refuses %s where an image handle belongs', (_name, params) => {
    const store = new ImageStore();
    store.add(Buffer.from('x'), 'image/png', 'user');
    expect(() => store.resolve(params)).toThrow(/must be an image handle such as image_1/);
  });

  it('forgets the oldest images past its bound', () => {
    const store = new ImageStore(2);
    for (let i = 0; i < 3; i += 1) store.add(Buffer.from([i]), 'image/png', 'user');
    expect(store.size).toBe(2);
    expect(store.get('image_1')).toBeUndefined();
    expect(store.get('image_3')?.data).toEqual(Buffer.from([2]));
  });
});
