# Coarse parallel processing with a work queue (seed 003): one pod per work item, 8 completions, two
# at a time; each worker takes one message from RabbitMQ. kubesim does not simulate StatefulSets, so
# RabbitMQ runs as the pod rabbitmq-statefulset.yaml would make. The image reference keeps the seed's
# gcr.io/<project> placeholder (a real cluster would refuse it).
kubectl create -f - <<YAML
apiVersion: v1
kind: Service
metadata:
  labels:
    component: rabbitmq
  name: rabbitmq-service
spec:
  ports:
  - port: 5672
  selector:
    app.kubernetes.io/name: task-queue
    app.kubernetes.io/component: rabbitmq
---
apiVersion: v1
kind: Pod
metadata:
  name: rabbitmq-0
  labels:
    app.kubernetes.io/name: task-queue
    app.kubernetes.io/component: rabbitmq
spec:
  hostname: rabbitmq-0
  subdomain: rabbitmq-service
  containers:
  - image: rabbitmq
    name: rabbitmq
    ports:
    - containerPort: 5672
    resources:
      requests:
        memory: 16M
      limits:
        cpu: 250m
        memory: 512M
    volumeMounts:
    - mountPath: /var/lib/rabbitmq
      name: rabbitmq-data
  volumes:
  - name: rabbitmq-data
    emptyDir: {}
YAML
kubectl run -i --tty temp --image ubuntu:22.04
sim advance 30s
kubectl exec temp -- sh -c 'apt-get update && apt-get install -y curl ca-certificates amqp-tools python3 dnsutils'
kubectl exec -i temp -- sh <<EOF
export BROKER_URL=amqp://guest:guest@rabbitmq-service:5672
/usr/bin/amqp-declare-queue --url=$BROKER_URL -q job1 -d
for f in apple banana cherry date fig grape lemon melon
do
  /usr/bin/amqp-publish --url=$BROKER_URL -r job1 -p -b $f
done
EOF
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
        image: gcr.io/<project>/job-wq-1
        env:
        - name: BROKER_URL
          value: amqp://guest:guest@rabbitmq-service:5672
        - name: QUEUE
          value: job1
      restartPolicy: OnFailure
YAML
kubectl wait --for=condition=complete --timeout=300s job/job-wq-1
kubectl describe jobs/job-wq-1
kubectl logs -l job-name=job-wq-1
