/**
 * A small HTTP CONNECT proxy on loopback, as on a self-hosted runner behind a corporate proxy.
 * It tunnels the hosts it is told about to loopback ports (so `api.acme.appmixer.cloud` reaches
 * the sandbox without DNS) and refuses every other host.
 */
import http from 'node:http'
import net from 'node:net'

export async function startConnectProxy(routes: Record<string, number>) {
  const tunnels: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_request, response) => {
    response.writeHead(405).end('CONNECT only')
  })
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = request.url ?? ''
    tunnels.push(target)
    const port = routes[target.split(':')[0]]
    sockets.add(client)
    if (port === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      return
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    const closeBoth = () => {
      upstream.destroy()
      client.destroy()
    }
    upstream.on('error', closeBoth)
    client.on('error', closeBoth)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    /** `host:port` of every CONNECT received. */
    tunnels,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
