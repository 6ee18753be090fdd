"use strict";function s(t){const o=t.replace(/^\[|\]$/g,"").toLowerCase();return o==="localhost"||o.endsWith(".localhost")||o==="::1"||/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(o)}exports.isLoopback=s;
