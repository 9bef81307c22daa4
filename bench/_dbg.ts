import hnswlib from "hnswlib-node";
const { HierarchicalNSW } = hnswlib;
const idx = new HierarchicalNSW("cosine", 4);
idx.initIndex({ maxElements: 10, m: 16, efConstruction: 200, randomSeed: 100 });
idx.addPoint([3, 0, 0, 4], 0);
idx.addPoint([0, 1, 0, 0], 1);
console.log(idx.getPoint(0), idx.searchKnn([30, 0, 0, 40], 2));
