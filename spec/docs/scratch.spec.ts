import { seedBatch } from '../../docs/examples/seedBatch.js';
import { seedStream } from '../../docs/examples/seedStream.js';
it('scratch', () => { console.log([...seedBatch(), '', ...seedStream()].join('\n')); });
