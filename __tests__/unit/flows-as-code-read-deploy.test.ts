/**
 * Reading a deploy path: inside the workspace (real paths), `*.json` only, symbolic links left
 * out with a note, and every bad file named before any request could be made.
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readDeployFiles } from '../../src/flows-as-code/read-deploy.js'

let root: string
let workspace: string
const flowText = (flowId: string, name = flowId) => JSON.stringify({ flowId, name, flow: { c1: { type: 'a.b.c.D' } } })

beforeEach(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'deploy-')))
  workspace = path.join(root, 'repo')
  await mkdir(path.join(workspace, 'flows', 'nested'), { recursive: true })
  await writeFile(path.join(workspace, 'flows', 'b.json'), flowText('id-b'))
  await writeFile(path.join(workspace, 'flows', 'a.json'), flowText('id-a'))
  await writeFile(path.join(workspace, 'flows', 'README.md'), '# not a flow')
  await writeFile(path.join(workspace, 'flows', 'nested', 'c.json'), flowText('id-c'))
})
afterEach(() => rm(root, { recursive: true, force: true }))

const problemOf = async (input: string) => ((await readDeployFiles(input, workspace).catch(error => error)) as Error).message

describe('readDeployFiles', () => {
  it('reads the *.json files of a folder in name order, paths relative to the workspace', async () => {
    const { files, notes } = await readDeployFiles('flows', workspace)
    expect(files.map(({ file, flow }) => [file, flow.flowId])).toEqual([
      ['flows/a.json', 'id-a'],
      ['flows/b.json', 'id-b']
    ])
    expect(notes).toEqual(["Left out 'flows/nested': a folder (deploy reads the flow files of one folder)"])
  })

  it('reads one file', async () => {
    const { files } = await readDeployFiles('flows/nested/c.json', workspace)
    expect(files.map(({ file }) => file)).toEqual(['flows/nested/c.json'])
    expect(await problemOf('flows/README.md')).toMatch(/neither a folder nor a flow file/)
  })

  it('leaves out symbolic links in a folder, with a note, even ones that point inside', async () => {
    await writeFile(path.join(root, 'outside.json'), flowText('id-out'))
    await symlink(path.join(root, 'outside.json'), path.join(workspace, 'flows', 'z-out.json'))
    await symlink(path.join(workspace, 'flows', 'a.json'), path.join(workspace, 'flows', 'y-in.json'))
    const { files, notes } = await readDeployFiles('flows', workspace)
    expect(files.map(({ file }) => file)).toEqual(['flows/a.json', 'flows/b.json'])
    expect(notes).toContain("Left out 'flows/z-out.json': a symbolic link (it could point outside the repository)")
    expect(notes).toContain("Left out 'flows/y-in.json': a symbolic link (it could point outside the repository)")
  })

  it('refuses a path that resolves outside the workspace, by .. or by a link', async () => {
    await mkdir(path.join(root, 'elsewhere'))
    await writeFile(path.join(root, 'elsewhere', 'x.json'), flowText('id-x'))
    await symlink(path.join(root, 'elsewhere'), path.join(workspace, 'linked'))
    expect(await problemOf('../elsewhere')).toMatch(/^Input 'deploy': '..\/elsewhere' resolves outside the workspace/)
    expect(await problemOf('linked')).toMatch(/'linked' resolves outside the workspace/)
    expect(await problemOf(path.join(root, 'elsewhere', 'x.json'))).toMatch(/resolves outside the workspace/)
    expect(await problemOf('nope')).toMatch(/'nope' does not exist in the workspace/)
  })

  it('names every bad file, and both files that hold one flowId', async () => {
    await writeFile(path.join(workspace, 'flows', 'c.json'), '{"name": "no id", "flow": {}}')
    await writeFile(path.join(workspace, 'flows', 'd.json'), flowText('id-a'))
    await writeFile(path.join(workspace, 'flows', 'e.json'), '{"flowId": "id-e"}')
    const message = await problemOf('flows')
    expect(message).toContain("'flows/c.json' is not a flow file: it has no flowId")
    expect(message).toContain("'flows/e.json' is not a flow file: it has no flow descriptor")
    expect(message).toContain("'flows/a.json' and 'flows/d.json' hold the same flowId 'id-a'")
  })

  it('refuses a folder without flow files', async () => {
    await mkdir(path.join(workspace, 'empty'))
    expect(await problemOf('empty')).toMatch(/'empty' holds no flow files/)
  })
})
