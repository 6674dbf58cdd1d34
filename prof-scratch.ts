import { testUsers } from './platform/test-users';
import { startBenchPlatform } from './bench/support/bench-platform';
(async () => {
  const platform = await startBenchPlatform();
  const customer = await platform.credentials({ email: testUsers.registeredCustomer1.email });
  const token = await platform.shopToken('0001');
  for (let i = 0; i < 100; i++) await platform.call(customer, { path: `/prod/products?shopId=0001&shopToken=${token}` });
  const cpu0 = process.cpuUsage(); const t0 = Date.now();
  for (let i = 0; i < 300; i++) await platform.call(customer, { path: `/prod/products?shopId=0001&shopToken=${token}` });
  const cpu = process.cpuUsage(cpu0);
  console.log('cpu/call ms', ((cpu.user + cpu.system) / 1000 / 300).toFixed(2), 'wall/call', ((Date.now() - t0) / 300).toFixed(1));
  await platform.close();
})();
