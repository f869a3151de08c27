// "/" only routes (app.js sends each role to its home); nothing to draw.
export default async function start() {}
