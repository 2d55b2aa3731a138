import {describe, expect, it} from 'vitest';
import {heldImages, missingImages} from '../../source/inventory/node-images.ts';

const script = 'registry.example/proxyinject/script:1';
const pause = 'registry.k8s.io/pause:3.10';
const wanted = [script, pause];

describe('heldImages and missingImages', () => {
	it('finds our images among any name of any listed image', () => {
		const listed = [{names: ['registry.example/shop/web:1']}, {names: ['registry.k8s.io/pause@sha256:00', pause]}, {names: [script]}];
		expect(heldImages(listed, wanted)).toEqual(wanted);
		expect(missingImages({status: {images: listed}}, wanted)).toEqual([]);
	});

	it('names the images a node does not list, in the order asked', () => {
		expect(missingImages({status: {images: [{names: [pause]}]}}, wanted)).toEqual([script]);
		expect(missingImages({status: {images: [{names: ['busybox']}, {}]}}, wanted)).toEqual(wanted);
	});

	it('a node that lists no images lacks them all', () => {
		expect(missingImages({}, wanted)).toEqual(wanted);
		expect(heldImages(undefined, wanted)).toEqual([]);
	});

	it('nothing asked, nothing missing', () => {
		expect(missingImages({}, [])).toEqual([]);
	});
});
