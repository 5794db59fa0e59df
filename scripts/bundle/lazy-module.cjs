// A module that loads on first use (see scripts/bundle.mjs). Bolt requires some packages in
// every mode though only one mode uses each (Socket Mode's client with undici and ws; Express
// and its body parsers with iconv-lite's tables); in the bundle they are this proxy instead,
// and the real package is required from node_modules the first time anything touches it.
'use strict';

module.exports = function lazyModule(load) {
  let real;
  const module = () => {
    real ??= load();
    return real;
  };
  // A function target, so a package whose export is a function (express) can be called.
  return new Proxy(function lazy() {}, {
    // Interop helpers ask __esModule before anything else: answering it must not load.
    get: (_target, key) => (key === '__esModule' ? true : key === 'default' ? module() : module()[key]),
    has: (_target, key) => key in module(),
    set: (_target, key, value) => {
      module()[key] = value;
      return true;
    },
    apply: (_target, self, args) => Reflect.apply(module(), self, args),
    construct: (_target, args) => Reflect.construct(module(), args),
    // Listing or copying the exports (__exportStar, a spread) loads the module and lists its
    // keys; the target's own `prototype` stays listed, as a proxy must.
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(module()), ...Reflect.ownKeys(target)])],
    getOwnPropertyDescriptor: (target, key) => {
      const own = Reflect.getOwnPropertyDescriptor(target, key);
      if (own && !own.configurable) return own;
      const real = Reflect.getOwnPropertyDescriptor(Object(module()), key);
      return real ? { ...real, configurable: true } : undefined;
    },
  });
};
