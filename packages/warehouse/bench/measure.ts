/** Timing, RSS sampling and JSON-line output for the load benchmark. */

let peakRss = 0
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}
const sampler = setInterval(sampleRss, 10)

/** Peak RSS (MB) since the last reset. */
export const peakRssMB = () => {
  sampleRss()
  return Math.round(peakRss / 1e6)
}

/** Starts a new peak window from the current RSS; returns it (MB). */
export const resetPeakRss = () => {
  global.gc?.()
  peakRss = process.memoryUsage().rss
  return Math.round(peakRss / 1e6)
}

export const stopSampling = () => clearInterval(sampler)

export const emit = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: "load", ...line, peakRssMB: peakRssMB() }))

export const timed = async <A>(run: () => Promise<A>) => {
  const start = performance.now()
  const result = await run()
  return { result, ms: performance.now() - start }
}

export const rate = (rows: number, ms: number) => Math.round((rows / ms) * 1000)
