# Coarse parallel processing with a work queue (seed 003): one pod per work item, 8 completions, two
# at a time. The seed's worker takes an item from RabbitMQ; until the queue service exists in the
# simulated network, each worker just takes a few seconds.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: job-wq-1
spec:
  completions: 8
  parallelism: 2
  template:
    metadata:
      name: job-wq-1
    spec:
      containers:
      - name: c
        image: job-wq-1
        command: ["sh", "-c", "sleep 3"]
        env:
        - name: BROKER_URL
          value: amqp://guest:guest@rabbitmq-service:5672
        - name: QUEUE
          value: job1
      restartPolicy: OnFailure
YAML
kubectl wait --for=condition=complete --timeout=300s job/job-wq-1
kubectl describe jobs/job-wq-1
