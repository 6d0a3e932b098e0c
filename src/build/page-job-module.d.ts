/** The job of the page process rendering the pages (page-job-integration.ts serves it). */
declare module 'virtual:policy-atlas/page-job' {
  const job: import('./page-job.ts').PageJob;
  export default job;
}
